/** The identity section of the configuration, provided by IdentityModule from APP_CONFIG. */
export const IDENTITY_CONFIG = Symbol('IDENTITY_CONFIG');
