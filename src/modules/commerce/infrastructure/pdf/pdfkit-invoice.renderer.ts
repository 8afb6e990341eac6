import { Injectable } from '@nestjs/common';
import PDFDocument from 'pdfkit';
import type { InvoiceDocument, InvoiceRenderer } from '../../application/ports';

/** Minor units as the currency's decimal amount (2 digits for EUR, 0 for JPY…). */
function money(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
}

/** Invoices as PDF with pdfkit (built-in Helvetica, no font files). The creation date is fixed to the issue date, so a render is reproducible. */
@Injectable()
export class PdfkitInvoiceRenderer implements InvoiceRenderer {
  render({ invoice, order, sellerName, buyerName }: InvoiceDocument): Promise<Buffer> {
    const pdf = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Invoice ${invoice.number}`, CreationDate: invoice.issuedAt } });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
      pdf.on('end', () => resolve(Buffer.concat(chunks)));
      pdf.on('error', reject);
    });
    const props = order.snapshot();
    pdf.fontSize(20).text(`Invoice ${invoice.number}`);
    pdf.moveDown().fontSize(10);
    pdf.text(`Issued: ${invoice.issuedAt.toISOString().slice(0, 10)}`);
    pdf.text(`Seller: ${sellerName}`);
    pdf.text(`Buyer: ${buyerName}`);
    pdf.text(`Order: ${order.id}`);
    pdf.moveDown();
    for (const line of props.lines) {
      pdf.text(`${line.quantity} × ${line.title} @ ${money(line.unitPriceMinor, props.currency)} = ${money(line.subtotalMinor, props.currency)}`);
    }
    pdf.moveDown();
    if (props.discountMinor > 0) pdf.text(`Discount: -${money(props.discountMinor, props.currency)}`);
    pdf.fontSize(12).text(`Total: ${money(invoice.totalMinor, invoice.currency)}`);
    pdf.end();
    return done;
  }
}
