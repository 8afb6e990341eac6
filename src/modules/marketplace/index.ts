/**
 * The marketplace context owns: listings (tune, vehicle, part), moderation and the AI safety gate, featured placement, reviews, entitlements.
 * Not built yet. Its public surface (the Nest module, its facade, event and DTO
 * types) is exported from here and nowhere else; see ARCHITECTURE.md section 3.
 */
export {};
