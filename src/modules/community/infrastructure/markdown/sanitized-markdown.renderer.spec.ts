import { SanitizedMarkdownRenderer } from './sanitized-markdown.renderer';

describe('Markdown rendered to sanitized HTML', () => {
  const render = (markdown: string) => new SanitizedMarkdownRenderer().render(markdown);

  it('keeps formatting, code and links (marked nofollow)', () => {
    expect(render('**bold** and `code`')).toBe('<p><strong>bold</strong> and <code>code</code></p>');
    expect(render('[map](https://example.com/a)')).toBe('<p><a href="https://example.com/a" rel="nofollow ugc noopener" target="_blank">map</a></p>');
    expect(render('```js\nlet a = 1;\n```')).toContain('<code class="language-js">');
  });

  it.each([
    ['a script element', 'hi <script>alert(1)</script>'],
    ['an event handler', '<img src="https://x.test/a.png" onerror="alert(1)">'],
    ['an event handler on a link', '<a href="https://x.test" onclick="alert(1)">x</a>'],
    ['a javascript: link', '[x](javascript:alert(1))'],
    ['an entity-encoded javascript: link', '<a href="jav&#x61;script:alert(1)">x</a>'],
    ['a data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['an iframe', '<iframe src="https://evil.test"></iframe>'],
    ['a style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
    ['an svg with onload', '<svg onload="alert(1)"></svg>'],
  ])('refuses %s', (_what, markdown) => {
    const html = render(markdown);
    expect(html).not.toMatch(/<script|<iframe|<svg|\son\w+=|javascript:|data:|style=/i);
  });

  it('escapes unknown tags as text instead of dropping what the author wrote', () => {
    expect(render('<marquee>hi</marquee>')).toBe('<p>&lt;marquee&gt;hi&lt;/marquee&gt;</p>');
  });
});
