import type { AuthProvider } from 'react-admin';
import { api, ApiError, clear, login, logout, signedIn } from './session';

/** Signs in with our own auth; only platform admins get in (the API decides: the dashboard answers 403 to anyone else). */
export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    await login(username, password);
    try {
      await api('/admin/dashboard?days=1');
    } catch (error) {
      await logout();
      if (error instanceof ApiError && error.status === 403) throw new Error('This console is for platform admins only.');
      throw error;
    }
  },
  async logout() {
    await logout();
  },
  async checkAuth() {
    if (!signedIn()) throw new Error('Sign in');
  },
  async checkError(error: { status?: number }) {
    if (error?.status === 401) {
      clear();
      throw new Error('Signed out');
    }
  },
  async getPermissions() {
    return 'platform_admin';
  },
};
