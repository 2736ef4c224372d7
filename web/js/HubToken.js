// The hub token (a JWT from `feedhubctl token`) pasted into the page: kept in
// this tab's sessionStorage only, so it is gone when the tab closes and never
// sent as a cookie.

const KEY = 'feedhub.hubToken';

export const HubToken = {
  get() {
    return (sessionStorage.getItem(KEY) ?? '').trim();
  },

  set(token) {
    sessionStorage.setItem(KEY, token.trim());
  },

  /** Headers that carry the token, or none without one. */
  headers() {
    const token = this.get();
    return token ? { Authorization: `Bearer ${token}` } : {};
  },
};
