/**
 * An invoice for a paid order. Its number is `INV-<year>-<sequence>`, the
 * sequence counting 1, 2, 3… without gaps per seller organization and year
 * (the year the order was paid, UTC).
 */
export interface Invoice {
  id: string;
  orgId: string;
  orderId: string;
  buyerUserId: string;
  year: number;
  sequence: number;
  number: string;
  totalMinor: number;
  currency: string;
  /** Where the PDF is stored; null until it is rendered. */
  storageKey: string | null;
  issuedAt: Date;
  lastSentAt: Date | null;
}

const SEQUENCE_DIGITS = 6;

export function invoiceNumber(year: number, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new Error(`invalid invoice sequence ${sequence}`);
  return `INV-${year}-${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
}

/** The storage key of an invoice's PDF. */
export function invoiceStorageKey(invoice: Pick<Invoice, 'orgId' | 'id'>): string {
  return `commerce/invoices/${invoice.orgId}/${invoice.id}.pdf`;
}
