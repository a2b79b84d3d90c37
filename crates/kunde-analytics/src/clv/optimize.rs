//! A small unconstrained minimiser for the CLV likelihoods: BFGS with an Armijo
//! backtracking line search on analytic gradients, after a Nelder–Mead phase when BFGS
//! cannot make progress from the starting point.
//!
//! The models have three or four parameters, so dense matrices are cheap; what matters is
//! never looping on NaN: every non-finite value shrinks the step, and a non-finite value at
//! the start is an error.

// Index loops read more plainly than iterator chains in this small dense linear algebra.
#![allow(clippy::needless_range_loop)]

use crate::Error;

/// The objective: value and gradient at a point; `None` when not finite.
pub trait Objective {
    fn value_and_gradient(&self, x: &[f64], gradient: &mut [f64]) -> Option<f64>;
}

#[derive(Debug, Clone)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub value: f64,
    pub gradient_norm: f64,
    pub iterations: usize,
    /// BFGS's approximation of the inverse Hessian at `x`, to warm-start a related fit.
    pub inverse_hessian: Vec<Vec<f64>>,
}

const GRADIENT_TOLERANCE: f64 = 1e-9;

fn norm_inf(v: &[f64]) -> f64 {
    v.iter().fold(0.0, |m, x| m.max(x.abs()))
}

/// BFGS from `start`. Returns the best point found and whether it converged.
pub fn bfgs(
    f: &impl Objective,
    start: &[f64],
    max_iterations: usize,
) -> Result<(Minimum, bool), Error> {
    bfgs_from(f, start, identity(start.len()), max_iterations)
}

/// BFGS from `start` with `inverse_hessian` as the first approximation of the inverse
/// Hessian (for example the one a fit of a subsample ended with).
pub fn bfgs_from(
    f: &impl Objective,
    start: &[f64],
    inverse_hessian: Vec<Vec<f64>>,
    max_iterations: usize,
) -> Result<(Minimum, bool), Error> {
    let n = start.len();
    let mut x = start.to_vec();
    let mut g = vec![0.0; n];
    let mut fx = f
        .value_and_gradient(&x, &mut g)
        .filter(|v| v.is_finite() && g.iter().all(|v| v.is_finite()))
        .ok_or_else(|| Error::NoConvergence("the likelihood is not finite at the start".into()))?;
    // Inverse Hessian approximation.
    let mut h = inverse_hessian;
    let mut x_new = vec![0.0; n];
    let mut g_new = vec![0.0; n];
    for iteration in 0..max_iterations {
        if norm_inf(&g) < GRADIENT_TOLERANCE {
            return Ok((
                Minimum {
                    inverse_hessian: h.clone(),
                    gradient_norm: norm_inf(&g),
                    x,
                    value: fx,
                    iterations: iteration,
                },
                true,
            ));
        }
        let mut d: Vec<f64> = (0..n)
            .map(|i| -(0..n).map(|j| h[i][j] * g[j]).sum::<f64>())
            .collect();
        let mut slope: f64 = d.iter().zip(&g).map(|(a, b)| a * b).sum();
        if slope >= 0.0 {
            // Not a descent direction: restart from steepest descent.
            h = identity(n);
            d = g.iter().map(|v| -v).collect();
            slope = -g.iter().map(|v| v * v).sum::<f64>();
        }
        // Keep the first step in log-parameter space modest.
        let mut step = (1.0f64).min(2.0 / norm_inf(&d).max(1e-300));
        let mut accepted = None;
        for _ in 0..60 {
            for i in 0..n {
                x_new[i] = x[i] + step * d[i];
            }
            if let Some(v) = f.value_and_gradient(&x_new, &mut g_new)
                && v.is_finite()
                && g_new.iter().all(|v| v.is_finite())
                && v <= fx + 1e-4 * step * slope
            {
                accepted = Some(v);
                break;
            }
            step *= 0.5;
        }
        let Some(f_new) = accepted else {
            // No decrease is possible along this direction: we are at the precision limit.
            let converged = norm_inf(&g) < 1e-6;
            return Ok((
                Minimum {
                    inverse_hessian: h.clone(),
                    gradient_norm: norm_inf(&g),
                    x,
                    value: fx,
                    iterations: iteration,
                },
                converged,
            ));
        };
        let s: Vec<f64> = (0..n).map(|i| x_new[i] - x[i]).collect();
        let y: Vec<f64> = (0..n).map(|i| g_new[i] - g[i]).collect();
        let sy: f64 = s.iter().zip(&y).map(|(a, b)| a * b).sum();
        if sy > 1e-300 {
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
            let rho = 1.0 / sy;
            let hy: Vec<f64> = (0..n)
                .map(|i| (0..n).map(|j| h[i][j] * y[j]).sum())
                .collect();
            let yhy: f64 = y.iter().zip(&hy).map(|(a, b)| a * b).sum();
            for i in 0..n {
                for j in 0..n {
                    h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j])
                        + (rho * rho * yhy + rho) * s[i] * s[j];
                }
            }
        }
        let small_change = (fx - f_new).abs() <= 1e-15 * fx.abs().max(1.0);
        x.copy_from_slice(&x_new);
        g.copy_from_slice(&g_new);
        fx = f_new;
        if small_change && norm_inf(&g) < 1e-6 {
            return Ok((
                Minimum {
                    inverse_hessian: h.clone(),
                    gradient_norm: norm_inf(&g),
                    x,
                    value: fx,
                    iterations: iteration + 1,
                },
                true,
            ));
        }
    }
    Ok((
        Minimum {
            inverse_hessian: h.clone(),
            gradient_norm: norm_inf(&g),
            x,
            value: fx,
            iterations: max_iterations,
        },
        false,
    ))
}

fn identity(n: usize) -> Vec<Vec<f64>> {
    (0..n)
        .map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect())
        .collect()
}

/// Nelder–Mead on the objective's value, treating non-finite values as +∞. Used to get
/// from a poor starting point into the basin where BFGS converges quickly.
pub fn nelder_mead(f: &impl Objective, start: &[f64], iterations: usize) -> Vec<f64> {
    let n = start.len();
    let mut scratch = vec![0.0; n];
    let mut eval = |x: &[f64]| {
        f.value_and_gradient(x, &mut scratch)
            .filter(|v| v.is_finite())
            .unwrap_or(f64::INFINITY)
    };
    let mut simplex: Vec<(Vec<f64>, f64)> = (0..=n)
        .map(|i| {
            let mut x = start.to_vec();
            if i > 0 {
                x[i - 1] += 1.0;
            }
            let v = eval(&x);
            (x, v)
        })
        .collect();
    for _ in 0..iterations {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        if (simplex[n].1 - simplex[0].1).abs() <= 1e-12 * simplex[0].1.abs().max(1.0) {
            break;
        }
        let centroid: Vec<f64> = (0..n)
            .map(|j| simplex[..n].iter().map(|p| p.0[j]).sum::<f64>() / n as f64)
            .collect();
        let along = |t: f64| -> Vec<f64> {
            (0..n)
                .map(|j| centroid[j] + t * (simplex[n].0[j] - centroid[j]))
                .collect()
        };
        let reflected = along(-1.0);
        let fr = eval(&reflected);
        if fr < simplex[0].1 {
            let expanded = along(-2.0);
            let fe = eval(&expanded);
            simplex[n] = if fe < fr {
                (expanded, fe)
            } else {
                (reflected, fr)
            };
        } else if fr < simplex[n - 1].1 {
            simplex[n] = (reflected, fr);
        } else {
            let contracted = if fr < simplex[n].1 {
                along(-0.5)
            } else {
                along(0.5)
            };
            let fc = eval(&contracted);
            if fc < simplex[n].1.min(fr) {
                simplex[n] = (contracted, fc);
            } else {
                let best = simplex[0].0.clone();
                for p in simplex.iter_mut().skip(1) {
                    for j in 0..n {
                        p.0[j] = best[j] + 0.5 * (p.0[j] - best[j]);
                    }
                    p.1 = eval(&p.0);
                }
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    simplex.swap_remove(0).0
}

/// BFGS from each start in turn (after Nelder–Mead if BFGS alone fails), keeping the best
/// converged minimum.
pub fn minimize(
    f: &impl Objective,
    starts: &[Vec<f64>],
    max_iterations: usize,
) -> Result<Minimum, Error> {
    let mut best: Option<Minimum> = None;
    let mut last_error = None;
    for start in starts {
        let attempt = match bfgs(f, start, max_iterations) {
            Ok((m, true)) => Ok(m),
            Ok((m, false)) => {
                bfgs(f, &nelder_mead(f, &m.x, 2_000), max_iterations).and_then(|(m, ok)| {
                    if ok {
                        Ok(m)
                    } else {
                        Err(Error::NoConvergence(format!(
                            "gradient still {:.2e} after {} iterations",
                            m.gradient_norm, m.iterations
                        )))
                    }
                })
            }
            Err(_) => bfgs(f, &nelder_mead(f, start, 2_000), max_iterations).map(|(m, _)| m),
        };
        match attempt {
            Ok(m) if m.gradient_norm < 1e-6 => {
                if best.as_ref().is_none_or(|b| m.value < b.value) {
                    best = Some(m);
                }
            }
            Ok(m) => {
                last_error = Some(Error::NoConvergence(format!(
                    "gradient still {:.2e}",
                    m.gradient_norm
                )))
            }
            Err(e) => last_error = Some(e),
        }
        if best.is_some() {
            break;
        }
    }
    best.ok_or_else(|| {
        last_error.unwrap_or_else(|| Error::NoConvergence("no starting point".into()))
    })
}
