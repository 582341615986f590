import type { RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('../pages/LoginPage.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('../layouts/MainLayout.vue'),
    children: [
      { path: '', name: 'projects', component: () => import('../pages/ProjectsPage.vue') },
      { path: 'projects/:projectId(\\d+)', name: 'graph', component: () => import('../pages/GraphPage.vue'), props: true },
      { path: 'projects/:projectId(\\d+)/history', name: 'history', component: () => import('../pages/HistoryPage.vue'), props: true },
      { path: 'executors', name: 'executors', component: () => import('../pages/ExecutorsPage.vue') },
    ],
  },
  { path: '/:catchAll(.*)*', name: 'not-found', component: () => import('../pages/NotFoundPage.vue'), meta: { public: true } },
]

export default routes
