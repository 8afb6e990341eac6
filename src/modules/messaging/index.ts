/**
 * The messaging context owns: conversations, participants, messages, receipts, blocks, typing, attachments, WebSocket gateway.
 * Not built yet. Its public surface (the Nest module, its facade, event and DTO
 * types) is exported from here and nowhere else; see ARCHITECTURE.md section 3.
 */
export {};
