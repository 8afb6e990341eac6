import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { MarkdownRenderer } from '../../application/ports';

/**
 * Markdown (GitHub flavour) to HTML with marked, then an allow-list with
 * sanitize-html: formatting, lists, quotes, code, tables and links survive;
 * script, style, iframes, event-handler attributes and javascript:/data: URLs do
 * not. Links get rel="nofollow ugc noopener" and open in a new tab.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'pre',
    'code',
    'em',
    'strong',
    'del',
    's',
    'ul',
    'ol',
    'li',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title'],
    code: ['class'],
    th: ['align'],
    td: ['align'],
    ol: ['start'],
  },
  allowedClasses: { code: [/^language-[a-z0-9-]+$/] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow ugc noopener', target: '_blank' }),
  },
};

export class SanitizedMarkdownRenderer implements MarkdownRenderer {
  private readonly marked = new Marked({ gfm: true, breaks: true, async: false });

  render(markdown: string): string {
    const html = this.marked.parse(markdown, { async: false });
    return sanitizeHtml(html, SANITIZE).trim();
  }
}
