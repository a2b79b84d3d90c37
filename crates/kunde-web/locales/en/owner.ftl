# Owner-grade fixes (issue 17): what a person sees when something must wait or go wrong.
survey-wait = Many answers are arriving at once. Your answers are kept below: press Send again in { $n } seconds.
