// RehabCore owns the truth about rehabilitation: the plan model, the rules, verdicts, phase
// progression, weekly load and the message catalogue (nl, en).
// It must stay pure: no database, no terminal, no files, no clock. "Today" is always a parameter.
// Foundation is used for nothing but number formatting.
