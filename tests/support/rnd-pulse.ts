// The R&D pulse scenario the pulse end-to-end tests play (sandbox, Feishu, Slack): HR launches a survey to
// 产品研发部 (8 people); six of them answer (what each answers is below), two do not; five leave a comment.
export const RND = ['li.ming', 'zhang.wei', 'liu.yang', 'chen.jing', 'yang.fan', 'emily.carter', 'david.kim', 'wu.hao'];

/** Nine 1–5 items in template order (work attitude ×3, team collaboration ×3, emotional expression ×3), then
 *  eNPS 0–10. These six answer. */
export const ANSWERS: Record<string, number[]> = {
  'li.ming': [5, 4, 4, 3, 4, 2, 3, 4, 2, 9],
  'zhang.wei': [4, 4, 3, 3, 5, 2, 2, 4, 3, 8],
  'liu.yang': [5, 5, 4, 2, 4, 3, 3, 5, 2, 10],
  'chen.jing': [4, 3, 3, 3, 4, 2, 2, 3, 1, 6],
  'yang.fan': [3, 4, 4, 4, 5, 3, 3, 4, 2, 7],
  'emily.carter': [4, 5, 4, 3, 4, 2, 2, 4, 2, 9],
};

/** The two of R&D who do not answer. */
export const NOT_ANSWERING = ['david.kim', 'wu.hao'];

export const COMMENTS = [
  'Approval takes five steps.',
  'Deadlines are unreasonable.',
  'Great team lunch.',
  'Too many meetings.',
  'Need clearer priorities.',
];
