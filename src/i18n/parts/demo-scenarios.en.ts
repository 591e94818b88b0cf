// Guided scenario demos (issue 25 §5): the narration of each step (who acts, what happens, what comes next),
// the list and step cards' words, and why a demo stopped. zh-CN has the same keys (./demo-scenarios.zh-CN.ts).
export const demoScenariosEn = {
  'cmd.demo.summary': 'guided demos: watch a whole loop play out in the demo company, step by step',
  'demo.list.title': 'Guided demos',
  'demo.list.intro':
    'Each demo plays a short story in the demo company, one step at a time, through the same actions people take in chat and in the app. Start one with `/demo <name>`.',
  'demo.play': 'Play "{title}"',
  'demo.step.title': '{title} · step {n}/{total}',
  'demo.next': 'Next step',
  'demo.all': 'Play all',
  'demo.again': 'Play again',
  'demo.finished': 'That is the whole story. Play it again any time: each run makes its own records.',
  'demo.when': 'In the story: {date}',
  'demo.stopped':
    'The demo stopped at step {n}/{total}: {why} Nothing of that step was kept; press Next step to try it again.',
  'demo.stale': 'This card belongs to an older run of the demo. Start it again with /demo {name}.',
  'demo.unknown': 'There is no demo called "{word}". The demos: cook, saving, pulse.',
  'demo.blocked.platform':
    'Guided demos run only in the local sandbox: a real platform is configured here, and a demo acts as other people.',
  'demo.blocked.no_sandbox': 'Guided demos run only in the local sandbox, which is off here.',
  'demo.blocked.not_demo_org':
    'Guided demos run only in the demo company: this organisation has real people in it, and a demo acts as them.',
  'demo.why.insufficient_balance': 'there are not enough points for the reward.',
  'demo.why.over_cap': 'a claim limit HR set has been reached.',
  'demo.why.no_approvers': 'nobody can approve this request.',
  'demo.why.not_pending': 'the request was already decided by someone else.',
  'demo.why.flow_changed': 'the approval flow is not the one the story expects (HR changed it).',
  'demo.why.hidden': 'the unit had fewer answers than the anonymity threshold, so its figures are not shown.',
  'demo.why.person_missing': 'a person in the story is no longer in the demo company.',
  'demo.why.unit_missing': 'a unit in the story is no longer in the demo company.',
  'demo.why.no_recommendation': 'the rating recommended no course for the cook.',
  'demo.why.closed': 'it was already closed.',
  'demo.why.stale': 'someone else acted on it at the same moment.',
  'demo.why.other': 'the system refused it ({code}).',

  'demo.cook.title': 'A cook sent to a partner store',
  'demo.cook.summary': 'Transfer → store rating → training → composite report',
  'demo.cook.ask':
    '{cook}, a cook at {from}, is sent to the partner store {to}: the transfer request is filed. {next}, head of her store, decides first.',
  'demo.cook.current-head': '{approver}, the current store head, approves the transfer; HR ({next}) is next.',
  'demo.cook.hr': '{approver} (HR) approves; {next}, head of the receiving store, has the last word.',
  'demo.cook.receiving-head':
    '{approver} approves: the move applies today. {cook} now works at {to}, and her manager is {manager}.',
  'demo.cook.rating-open':
    '{hr} (HR) opens a team rating for {to}: {head} rates the people of the store, the cook included.',
  'demo.cook.rating-rate':
    '{head} rates the team. {cook} gets a 2 for {dimension}: she is new in the team and still finding her feet.',
  'demo.cook.rating-close':
    '{hr} closes the cycle: composites are computed ({cook}: {composite}) and a course is recommended for {dimension}.',
  'demo.cook.training-enrol': '{cook} asks to take the recommended course; {next}, her new manager, decides.',
  'demo.cook.training-approve': '{approver} approves the training: {cook} is enrolled.',
  'demo.cook.training-complete': '{cook} attends the course and marks it completed; her head sees the progress.',
  'demo.cook.report':
    '{head} reads the store\u2019s composite report: {people} people, average composite {average}; {cook}: {composite}.',

  'demo.saving.title': 'A finance clerk\u2019s cost saving',
  'demo.saving.summary': 'Claim → approval → ledger → redemption',
  'demo.saving.claim':
    '{clerk} claims her budget optimisation under "{tag}": supplier and logistics contracts renegotiated, ¥30,000 saved a quarter ({points} points). {manager}, her manager, reviews it.',
  'demo.saving.approve':
    '{approver} approves and raises it to {points} points for a saving this size, with the reason; at 150 points HR ({next}) reviews it too.',
  'demo.saving.ledger':
    '{approver} (HR) approves: {points} points land in {clerk}\u2019s ledger. Her balance: {balance}.',
  'demo.saving.redeem':
    '{clerk} redeems "{reward}" for {cost} points; the points are held until HR decides (balance now {balance}).',
  'demo.saving.redeem-approve': '{approver} (HR) approves the redemption. {clerk}\u2019s balance: {balance}.',

  'demo.pulse.title': 'A pulse finds a process problem',
  'demo.pulse.summary': 'Wave → report → follow-up → resolved in the next wave',
  'demo.pulse.launch':
    '{hr} (HR) launches a pulse survey for the whole company; over its {days} days {answered} colleagues answer. Answers are sealed and stored without names; figures appear only for groups of at least K people.',
  'demo.pulse.report':
    'The wave closes. In {unit}, {dimension} scores {score} (company: {company}) from {responses} answers (K = {k}): requirements get lost between product and engineering.',
  'demo.pulse.follow-up': '{hr} agrees a follow-up with {owner} for {unit}: a weekly handover checklist.',
  'demo.pulse.done': '{owner} puts the checklist in place and marks the follow-up done.',
  'demo.pulse.next-wave': '{hr} launches the next wave; {answered} colleagues answer.',
  'demo.pulse.resolved':
    'The next wave closes: {dimension} in {unit} is up from {before} to {after}. {owner}\u2019s follow-up resolved the problem.',

  'audit.kind.demo.step': 'Played a guided demo step',
  'audit.did.demo.step': 'played a step of a guided demo in the sandbox',
} as const;
