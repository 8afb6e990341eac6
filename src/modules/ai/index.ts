/**
 * The ai context owns: Mistral client, safety analysis, recommendations, onboarding profile, interaction log, insights, role-play training.
 * Not built yet. Its public surface (the Nest module, its facade, event and DTO
 * types) is exported from here and nowhere else; see ARCHITECTURE.md section 3.
 */
export {};
