/**
 * The organizations context owns: tenants (dealerships, repair shops, creator studios), memberships and roles, invitations, API keys, audit log.
 * Not built yet. Its public surface (the Nest module, its facade, event and DTO
 * types) is exported from here and nowhere else; see ARCHITECTURE.md section 3.
 */
export {};
