import { invoiceNumber, invoiceStorageKey } from './invoice';

describe('invoice numbers', () => {
  it('are INV-<year>-<six digits>, counting from 1', () => {
    expect(invoiceNumber(2026, 1)).toBe('INV-2026-000001');
    expect(invoiceNumber(2027, 123456)).toBe('INV-2027-123456');
    expect(invoiceNumber(2027, 1234567)).toBe('INV-2027-1234567');
  });

  it('refuse a sequence that is not a positive whole number', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => invoiceNumber(2026, bad)).toThrow();
  });

  it('store the PDF under the seller organization', () => {
    expect(invoiceStorageKey({ orgId: 'org-1', id: 'inv-1' })).toBe('commerce/invoices/org-1/inv-1.pdf');
  });
});
