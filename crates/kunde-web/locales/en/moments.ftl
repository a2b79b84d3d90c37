# Moments of truth (/moments).
moments-title = Moments of truth
moments-intro = Every touchpoint ranked by its effect on customers: one bad experience weighs as much as { $n } good ones. Bad and good experiences come from survey answers, failed interactions, complaints and reviews.
moments-lost-after = A customer counts as lost after { $n } days without an order.
moments-empty = No experiences recorded yet: survey answers, failed interactions and complaints at a touchpoint appear here.
moments-touchpoint = Touchpoint
moments-impact = Effect
moments-bad = Bad
moments-neutral = Neutral
moments-good = Good
moments-lost-after-bad = Lost after a bad one
moments-lost-overall = Lost of all customers
moments-how = Effect = (good − weight × bad) ÷ all experiences: 1 when every experience was good. The worst come first.
moments-weight = One bad experience weighs this many good ones
moments-weight-save = Save weight
moments-weight-saved = The weight was saved.
moments-weight-invalid = Enter a whole number from 1 to 100.
