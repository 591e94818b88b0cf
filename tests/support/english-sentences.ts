// Finding English sentences in text meant for a Chinese reader (issue 16, item 14). A "sentence" is a run of
// two or more English words of two or more letters. What a person types or what names a thing is not
// prose and is removed first: placeholders, code spans, commands with their ASCII arguments, URLs, e-mail
// addresses, key-like tokens, and a short allow-list of product and proper names.

/** Product, platform and format names, codes and the demo organisation's English names, kept as they are. */
export const ALLOWED = [
  'Vitality',
  'Slack',
  'Feishu',
  'DingTalk',
  'Lark',
  'CSV',
  'JSON',
  'HR',
  'eNPS',
  'NPS',
  'OK',
  'ID',
  'cron',
  'zip',
  'README',
  'English',
  'YYYY-MM-DD',
  'Asia/Shanghai',
  'UTC',
  // demo organisation (src/domain/org/demo-org.ts): English given and family names
  ...'Zhiyuan Chen Sharon Lin Tina Zhou Leo Zhao Fiona Wang Jun He Lan Xu Olivia Brown Ming Li Wei Zhang Yang Liu Jing Chen Fan Yang Emily Carter David Kim Hao Wu Li Sun Chao Ma Min Gao James Wilson Xin Luo Qiang Liu Na Guo Tao Song Li Tang Bing Han Xue Feng Jing Huang Yang Cao Hui Deng Bo Peng Ying Xie Kai Lu Tom Harris Qing Ye Tao Jiang Yue Pan Sophia Lee Peng Du'.split(
    ' ',
  ),
];

const allowed = new Set(ALLOWED.map((w) => w.toLowerCase()));

/** The text with everything that is not prose blanked out. */
export function prose(text: string): string {
  return (
    text
      .replace(/`[^`]*`/g, ' ')
      .replace(/\{[\w.]+\}/g, ' ')
      .replace(/<[^<>\n]{1,40}>/g, ' ')
      .replace(/https?:\/\/\S+/g, ' ')
      .replace(/\S+@\S+\.\S+/g, ' ')
      // A command and the ASCII words typed after it ("/survey launch all 5", "/points top [week|month]").
      .replace(/\/[a-z][\w-]*(?:[ \t]+[\x21-\x7e]*[^\s\u3000-\u9fff\uff00-\uffef]*)*/gi, ' ')
      // JSON-ish examples and key-like tokens (attitude.initiative, point-claim, nameEn).
      .replace(/\{[^{}]*\}/g, ' ')
      .replace(/\b[\w]+(?:[._-][\w]+)+\b/g, ' ')
      .replace(/\b[a-z]+[A-Z]\w*\b/g, ' ')
  );
}

/** The English word runs of two or more words left in a text. */
export function englishSentences(text: string): string[] {
  const out: string[] = [];
  // Words are separated by spaces (a comma without a space is a column list: email,dimension,value).
  for (const m of prose(text).matchAll(/[A-Za-z]{2,}(?:(?:,? +|['’])[A-Za-z]+)+/g)) {
    const words = m[0].split(/,? +|['’]/).filter((w) => w.length >= 2 && !allowed.has(w.toLowerCase()));
    if (words.length >= 2) out.push(m[0]);
  }
  return out;
}
