// The card markdown subset (**bold**, _italic_, `code`, [link](url), "- " lists, newlines) → Slack mrkdwn.
// https://docs.slack.dev/messaging/formatting-message-text: bold is *x*, links are <url|label>, and only
// &, < and > must be escaped (as &amp; &lt; &gt;) — Slack treats < and > as control characters.

export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function toMrkdwn(markdown: string): string {
  // Code spans are kept verbatim (apart from escaping), so formatting inside them is not converted.
  const parts = escapeMrkdwn(markdown).split(/(`[^`\n]*`)/);
  return parts.map((part, i) => (i % 2 === 1 ? part : convertInline(part))).join('');
}

function convertInline(s: string): string {
  return s
    .replace(
      /\[([^\]\n]+)\]\(([^)\s]+)\)/g,
      (_m, label: string, url: string) => `<${url}|${label.replace(/\|/g, '¦')}>`,
    )
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/^- /gm, '• ');
}

/** Plain text for notifications and plain_text objects: markup removed. */
export function toPlain(markdown: string): string {
  return markdown
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, '$1')
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/(^|\W)_([^_\n]+)_(?=\W|$)/g, '$1$2')
    .replace(/`([^`\n]*)`/g, '$1');
}
