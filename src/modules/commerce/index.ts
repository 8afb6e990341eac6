/**
 * The commerce context owns: orders, payments (Stripe, cash, Razorpay), invoices, refunds, ledger and wallets, discount codes, revenue split, payouts.
 * Not built yet. Its public surface (the Nest module, its facade, event and DTO
 * types) is exported from here and nowhere else; see ARCHITECTURE.md section 3.
 */
export {};
