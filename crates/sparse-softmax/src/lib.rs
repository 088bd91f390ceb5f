//! A multinomial logistic regression with sparse features, in which each feature has a weight
//! only for the classes given (those whose examples use it), fitted by L-BFGS with a
//! backtracking line search. Its own crate so that the fit, all arithmetic, is compiled with
//! optimisations even in a debug build (Cargo.toml's profile), where it would otherwise take
//! seconds. No crate found fits this masked sparse problem; argmin would bring its math backend
//! for the sixty lines of L-BFGS below.

use std::collections::VecDeque;

/// One example: its sparse feature vector (feature id, value) and its class.
pub struct Example {
    pub features: Vec<(u32, f32)>,
    pub class: u32,
}

/// A fitted model: by feature id, the classes with a weight on it and those weights; the
/// classes' biases; how many weights there are.
pub struct Fitted {
    pub weights: Vec<Vec<(u32, f32)>>,
    pub bias: Vec<f32>,
    pub weight_count: usize,
}

/// How hard to fit.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// The L2 penalty on the weights (not the biases), per example's loss.
    pub penalty: f64,
    /// At most this many rounds of L-BFGS, remembering this many past steps.
    pub rounds: usize,
    pub memory: usize,
    /// The fit stops once a round improves the loss by less than this share.
    pub tolerance: f64,
}

/// Fits a multinomial logistic regression of `examples` over `class_count` classes, in which
/// feature f has a weight only for the classes `classes_of[f]` (features with none are unused).
pub fn fit(
    examples: Vec<Example>,
    classes_of: Vec<Vec<u32>>,
    class_count: usize,
    settings: Settings,
) -> Fitted {
    let problem = Problem::new(examples, classes_of, class_count, settings.penalty);
    let theta = minimise(problem.parameters(), settings, |theta, gradient| {
        problem.loss_and_gradient(theta, gradient)
    });
    let (weights, bias) = problem.unpack(&theta);
    Fitted {
        weights,
        bias,
        weight_count: problem.weight_count(),
    }
}

/// The fit: the weights of feature f are parameters `offsets[f]..offsets[f + 1]`, one for each
/// class in `classes_of[f]`; the classes' biases follow all of them.
struct Problem {
    examples: Vec<Example>,
    classes_of: Vec<Vec<u32>>,
    offsets: Vec<usize>,
    class_count: usize,
    penalty: f64,
}

impl Problem {
    fn new(
        examples: Vec<Example>,
        classes_of: Vec<Vec<u32>>,
        class_count: usize,
        penalty: f64,
    ) -> Problem {
        let mut offsets = Vec::with_capacity(classes_of.len() + 1);
        let mut total = 0;
        for classes in &classes_of {
            offsets.push(total);
            total += classes.len();
        }
        offsets.push(total);
        Problem {
            examples,
            classes_of,
            offsets,
            class_count,
            penalty,
        }
    }

    fn weight_count(&self) -> usize {
        *self.offsets.last().expect("one offset at least")
    }

    fn parameters(&self) -> usize {
        self.weight_count() + self.class_count
    }

    /// The penalised cross-entropy of the examples under `theta`, and its gradient.
    fn loss_and_gradient(&self, theta: &[f64], gradient: &mut [f64]) -> f64 {
        let weights = self.weight_count();
        gradient.fill(0.0);
        let mut loss = 0.0;
        let mut logits = vec![0.0f64; self.class_count];
        for example in &self.examples {
            logits.copy_from_slice(&theta[weights..]);
            for &(feature, value) in &example.features {
                let start = self.offsets[feature as usize];
                for (at, &class) in self.classes_of[feature as usize].iter().enumerate() {
                    logits[class as usize] += f64::from(value) * theta[start + at];
                }
            }
            let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let log_total = max + logits.iter().map(|z| (z - max).exp()).sum::<f64>().ln();
            loss += log_total - logits[example.class as usize];
            // From here on `logits` holds the loss's gradient by each logit.
            for logit in &mut logits {
                *logit = (*logit - log_total).exp();
            }
            logits[example.class as usize] -= 1.0;
            for &(feature, value) in &example.features {
                let start = self.offsets[feature as usize];
                for (at, &class) in self.classes_of[feature as usize].iter().enumerate() {
                    gradient[start + at] += f64::from(value) * logits[class as usize];
                }
            }
            for (bias, error) in gradient[weights..].iter_mut().zip(&logits) {
                *bias += error;
            }
        }
        for (weight, slope) in theta[..weights].iter().zip(&mut gradient[..weights]) {
            loss += 0.5 * self.penalty * weight * weight;
            *slope += self.penalty * weight;
        }
        loss
    }

    /// The fitted weights by feature, and the biases.
    fn unpack(&self, theta: &[f64]) -> (Vec<Vec<(u32, f32)>>, Vec<f32>) {
        let weights = self
            .classes_of
            .iter()
            .zip(&self.offsets)
            .map(|(classes, &start)| {
                classes
                    .iter()
                    .zip(&theta[start..])
                    .map(|(&class, &weight)| (class, weight as f32))
                    .collect()
            })
            .collect();
        let bias = theta[self.weight_count()..]
            .iter()
            .map(|&b| b as f32)
            .collect();
        (weights, bias)
    }
}

/// The parameters that minimise `loss` (which also writes its gradient), from zero, by
/// L-BFGS with a backtracking line search.
fn minimise(
    parameters: usize,
    settings: Settings,
    loss: impl Fn(&[f64], &mut [f64]) -> f64,
) -> Vec<f64> {
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let mut theta = vec![0.0; parameters];
    let mut gradient = vec![0.0; parameters];
    let mut value = loss(&theta, &mut gradient);
    let mut history: VecDeque<(Vec<f64>, Vec<f64>, f64)> = VecDeque::new();
    let (mut next, mut next_gradient) = (vec![0.0; parameters], vec![0.0; parameters]);
    for _ in 0..settings.rounds {
        // The direction: the gradient through the remembered curvature (two-loop recursion).
        let mut direction = gradient.clone();
        let mut alphas = Vec::with_capacity(history.len());
        for (step, change, rho) in history.iter().rev() {
            let alpha = rho * dot(step, &direction);
            for (d, c) in direction.iter_mut().zip(change) {
                *d -= alpha * c;
            }
            alphas.push(alpha);
        }
        let scale = match history.back() {
            Some((step, change, _)) => dot(step, change) / dot(change, change),
            None => 1.0 / dot(&gradient, &gradient).sqrt().max(1e-12),
        };
        for d in &mut direction {
            *d *= scale;
        }
        for ((step, change, rho), alpha) in history.iter().zip(alphas.iter().rev()) {
            let beta = rho * dot(change, &direction);
            for (d, s) in direction.iter_mut().zip(step) {
                *d += s * (alpha - beta);
            }
        }
        let slope = -dot(&gradient, &direction);
        if slope >= 0.0 {
            break;
        }
        let mut length = 1.0;
        let mut next_value;
        loop {
            for ((n, t), d) in next.iter_mut().zip(&theta).zip(&direction) {
                *n = t - length * d;
            }
            next_value = loss(&next, &mut next_gradient);
            if next_value <= value + 1e-4 * length * slope || length < 1e-10 {
                break;
            }
            length *= 0.5;
        }
        let step: Vec<f64> = next.iter().zip(&theta).map(|(n, t)| n - t).collect();
        let change: Vec<f64> = next_gradient
            .iter()
            .zip(&gradient)
            .map(|(n, g)| n - g)
            .collect();
        let curvature = dot(&step, &change);
        let improvement = value - next_value;
        std::mem::swap(&mut theta, &mut next);
        std::mem::swap(&mut gradient, &mut next_gradient);
        value = next_value;
        if curvature > 1e-10 {
            if history.len() == settings.memory {
                history.pop_front();
            }
            history.push_back((step, change, 1.0 / curvature));
        }
        if improvement < settings.tolerance * value.abs().max(1.0) {
            break;
        }
    }
    theta
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: Settings = Settings {
        penalty: 0.05,
        rounds: 150,
        memory: 7,
        tolerance: 1e-9,
    };

    #[test]
    fn minimises_a_quadratic() {
        let theta = minimise(2, SETTINGS, |x, g| {
            g[0] = 2.0 * (x[0] - 3.0);
            g[1] = 4.0 * (x[1] + 1.0);
            (x[0] - 3.0).powi(2) + 2.0 * (x[1] + 1.0).powi(2)
        });
        assert!(
            (theta[0] - 3.0).abs() < 1e-3 && (theta[1] + 1.0).abs() < 1e-3,
            "{theta:?}"
        );
    }

    /// Two classes told apart by one feature each, and a shared one that says nothing.
    #[test]
    fn learns_the_features_that_tell_classes_apart() {
        let examples = vec![
            Example {
                features: vec![(0, 0.7), (2, 0.7)],
                class: 0,
            },
            Example {
                features: vec![(1, 0.7), (2, 0.7)],
                class: 1,
            },
        ];
        let fitted = fit(examples, vec![vec![0], vec![1], vec![0, 1]], 2, SETTINGS);
        assert_eq!(fitted.weight_count, 4);
        assert!(
            fitted.weights[0][0].1 > 0.5 && fitted.weights[1][0].1 > 0.5,
            "{:?}",
            fitted.weights
        );
        let shared = &fitted.weights[2];
        assert!((shared[0].1 - shared[1].1).abs() < 1e-3, "{shared:?}");
    }
}
