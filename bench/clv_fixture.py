"""Writes the CLV test fixtures of kunde-analytics from the `lifetimes` package.

Run once (bench/run.sh installs lifetimes into bench/.venv):
    bench/.venv/bin/python bench/clv_fixture.py
It copies the CDNOW customer summary shipped in lifetimes (MIT licence) and the values
lifetimes predicts for each customer, so the Rust tests can compare against them.
"""
import os

import numpy as np
import pandas as pd
import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter

OUT = os.path.join(os.path.dirname(__file__), "..", "crates", "kunde-analytics", "tests", "data")
src = os.path.join(os.path.dirname(lifetimes.__file__), "datasets", "cdnow_customers_summary_with_transactions.csv")
raw = pd.read_csv(src)
summary = pd.DataFrame({
    "customer_id": raw["ID"],
    "frequency": raw["x"],
    "recency": raw["t_x"],
    "T": raw["T"],
    "monetary_value": raw["zbar"],
})
summary.to_csv(os.path.join(OUT, "cdnow_customers_summary.csv"), index=False)

f, r, T, m = (summary[c].to_numpy() for c in ["frequency", "recency", "T", "monetary_value"])
bgf = BetaGeoFitter()
bgf.fit(f, r, T)
repeat = f > 0
ggf = GammaGammaFitter()
ggf.fit(f[repeat], m[repeat])
print(bgf.params_, ggf.params_, sep="\n")

expected = pd.DataFrame({
    "customer_id": summary["customer_id"],
    "expected_purchases_52": bgf.conditional_expected_number_of_purchases_up_to_time(52, f, r, T),
    "probability_alive": bgf.conditional_probability_alive(f, r, T),
    "expected_average_value": ggf.conditional_expected_average_profit(pd.Series(f), pd.Series(m)).to_numpy(),
    "clv_12_months": ggf.customer_lifetime_value(
        bgf, pd.Series(f), pd.Series(r), pd.Series(T), pd.Series(m), time=12, discount_rate=0.01, freq="W"
    ).to_numpy(),
})
expected.to_csv(os.path.join(OUT, "cdnow_lifetimes_expected.csv"), index=False, float_format="%.10g")
params = dict(bgf.params_) | {"p": ggf.params_["p"], "q": ggf.params_["q"], "v": ggf.params_["v"]}
with open(os.path.join(OUT, "cdnow_lifetimes_params.csv"), "w") as out:
    out.write("name,value\n")
    for k, v in params.items():
        out.write(f"{k},{v:.10g}\n")
