import { defineBoot } from '#q-app/wrappers'
import { createApi, setApi } from '../api'
import { useSessionStore } from '../stores/session'

/** The API client every store uses, with the signed-in user's token; a refused refresh signs them out. */
export default defineBoot(({ store, router }) => {
  const session = useSessionStore(store)
  setApi(createApi({
    accessToken: () => session.accessToken,
    refresh: async () => {
      const renewed = await session.refresh()
      if (!renewed) {
        await router.push({ name: 'login', query: { next: router.currentRoute.value.fullPath } })
      }
      return renewed
    },
  }))
})
