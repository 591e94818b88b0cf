// The store rating scenario every ratings end-to-end test plays (sandbox, Slack, Feishu, DingTalk): 深圳南山店,
// its head Tom Harris and five staff, the ratings each is given, and each person's composite computed by hand.
// dish quality (store head, 50%), complaints per 100 orders (imported, 20%, lower is better, 0–10 → 5–1),
// new-product contribution (HQ head of operations, 30%).
export const GIVEN: Record<string, { dq?: number; complaints?: number; np: number }> = {
  'ye.qing': { dq: 5, complaints: 2, np: 4 },
  'jiang.tao': { dq: 4, complaints: 5, np: 3 },
  'pan.yue': { dq: 2, complaints: 1, np: 3 },
  'sophia.lee': { dq: 4, complaints: 0, np: 5 },
  'du.peng': { dq: 3, np: 4 },
  'tom.harris': { complaints: 3, np: 4 },
};

// By hand: complaints c → 1 + 4·(1 − c/10); composite = Σ w·s / Σ w over the rated dimensions.
export const EXPECTED: Record<string, string> = {
  'ye.qing': '4.54', // (5·50 + 4.2·20 + 4·30)/100
  'jiang.tao': '3.50', // (4·50 + 3.0·20 + 3·30)/100
  'pan.yue': '2.82', // (2·50 + 4.6·20 + 3·30)/100
  'sophia.lee': '4.50', // (4·50 + 5.0·20 + 5·30)/100
  'du.peng': '3.38', // complaints missing: (3·50 + 4·30)/80
  'tom.harris': '3.92', // dish quality missing (his manager sun.li, who rates it for him, did not): (3.8·20 + 4·30)/50
};
