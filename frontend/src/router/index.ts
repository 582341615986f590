import { defineRouter } from '#q-app/wrappers'
import { createMemoryHistory, createRouter, createWebHistory } from 'vue-router'
import routes from './routes'
import { useSessionStore } from '../stores/session'

export default defineRouter(function ({ store }) {
  const router = createRouter({
    scrollBehavior: () => ({ left: 0, top: 0 }),
    routes,
    history: process.env.SERVER ? createMemoryHistory() : createWebHistory(process.env.VUE_ROUTER_BASE),
  })
  // every page but the login page needs a signed-in user; after logging in, back to where they were going
  router.beforeEach((to) => {
    const session = useSessionStore(store)
    if (to.meta.public !== true && !session.signedIn) {
      return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
    }
    return true
  })
  return router
})
