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
/// class in `classes[offsets[f]..offsets[f + 1]]` (the classes given for it, laid end to end so
/// that a feature's classes and weights are read side by side); the classes' biases follow all
/// of them.
struct Problem {
    examples: Vec<Example>,
    classes: Vec<u32>,
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
        let mut examples = examples;
        // Read in the order the weights are laid out, which the cache rewards.
        for example in &mut examples {
            example
                .features
                .sort_unstable_by_key(|&(feature, _)| feature);
        }
        let mut offsets = Vec::with_capacity(classes_of.len() + 1);
        offsets.push(0);
        let mut classes = Vec::new();
        for feature_classes in &classes_of {
            classes.extend_from_slice(feature_classes);
            offsets.push(classes.len());
        }
        Problem {
            examples,
            classes,
            offsets,
            class_count,
            penalty,
        }
    }

    /// Where feature `feature`'s weights (and their classes) are.
    fn weights_of(&self, feature: u32) -> std::ops::Range<usize> {
        self.offsets[feature as usize]..self.offsets[feature as usize + 1]
    }

    fn weight_count(&self) -> usize {
        *self.offsets.last().expect("one offset at least")
    }

    fn parameters(&self) -> usize {
        self.weight_count() + self.class_count
    }

    /// The penalised cross-entropy of the examples under `theta`, and its gradient.
    ///
    /// A class no feature of an example reaches has only its bias as logit there, so the
    /// softmax's total over those classes is the total over all biases less the reached
    /// classes' share, and their gradient is their bias's exponential times one factor summed
    /// over the examples. Each example then costs the classes its features reach, not all
    /// classes: with thousands of entries that is the difference between seconds and hours.
    fn loss_and_gradient(&self, theta: &[f64], gradient: &mut [f64]) -> f64 {
        let weights = self.weight_count();
        gradient.fill(0.0);
        let bias = &theta[weights..];
        let max_bias = bias.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        // exp(bias - max_bias) by class, and their total.
        let bias_exp: Vec<f64> = bias.iter().map(|b| (b - max_bias).exp()).collect();
        let bias_total: f64 = bias_exp.iter().sum();
        // Summed over the examples: exp(max_bias - log Z), the factor of every class's
        // bias exponential in its gradient where the example does not reach it.
        let mut unreached_factor = 0.0;
        let mut loss = 0.0;
        let mut logits = vec![0.0f64; self.class_count];
        let mut reached = vec![false; self.class_count];
        let mut classes: Vec<u32> = Vec::new();
        for example in &self.examples {
            classes.clear();
            let mut reach = |class: u32, classes: &mut Vec<u32>, logits: &mut [f64]| {
                if !reached[class as usize] {
                    reached[class as usize] = true;
                    logits[class as usize] = bias[class as usize];
                    classes.push(class);
                }
            };
            reach(example.class, &mut classes, &mut logits);
            for &(feature, value) in &example.features {
                let span = self.weights_of(feature);
                for (&class, &weight) in self.classes[span.clone()].iter().zip(&theta[span]) {
                    reach(class, &mut classes, &mut logits);
                    logits[class as usize] += f64::from(value) * weight;
                }
            }
            let max = classes
                .iter()
                .map(|&class| logits[class as usize])
                .fold(max_bias, f64::max);
            let unreached_total = (bias_total
                - classes
                    .iter()
                    .map(|&class| bias_exp[class as usize])
                    .sum::<f64>())
            .max(0.0);
            let total = (max_bias - max).exp() * unreached_total
                + classes
                    .iter()
                    .map(|&class| (logits[class as usize] - max).exp())
                    .sum::<f64>();
            let log_total = max + total.ln();
            loss += log_total - logits[example.class as usize];
            let factor = (max_bias - log_total).exp();
            unreached_factor += factor;
            // From here on `logits` holds the loss's gradient by each reached class's logit.
            for &class in &classes {
                let logit = &mut logits[class as usize];
                *logit = (*logit - log_total).exp();
                // The reached class's bias gradient is its probability, not the unreached
                // share added for every class below.
                gradient[weights + class as usize] += *logit - bias_exp[class as usize] * factor;
            }
            logits[example.class as usize] -= 1.0;
            gradient[weights + example.class as usize] -= 1.0;
            for &(feature, value) in &example.features {
                let span = self.weights_of(feature);
                for (&class, slope) in self.classes[span.clone()].iter().zip(&mut gradient[span]) {
                    *slope += f64::from(value) * logits[class as usize];
                }
            }
            for &class in &classes {
                reached[class as usize] = false;
            }
        }
        for (slope, exp) in gradient[weights..].iter_mut().zip(&bias_exp) {
            *slope += exp * unreached_factor;
        }
        for (weight, slope) in theta[..weights].iter().zip(&mut gradient[..weights]) {
            loss += 0.5 * self.penalty * weight * weight;
            *slope += self.penalty * weight;
        }
        loss
    }

    /// The fitted weights by feature, and the biases.
    fn unpack(&self, theta: &[f64]) -> (Vec<Vec<(u32, f32)>>, Vec<f32>) {
        let weights = (0..self.offsets.len() as u32 - 1)
            .map(|feature| {
                let span = self.weights_of(feature);
                self.classes[span.clone()]
                    .iter()
                    .zip(&theta[span])
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

/// The sum of the products of `a` and `b`, in double precision whatever they are kept in.
fn dot<A: Copy + Into<f64>, B: Copy + Into<f64>>(a: &[A], b: &[B]) -> f64 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (*x).into() * (*y).into())
        .sum()
}

/// The parameters that minimise `loss` (which also writes its gradient), from zero, by
/// L-BFGS with a backtracking line search. The remembered steps and changes of gradient are
/// kept in single precision: they are most of the fit's memory (at a thousand entries of forty
/// phrasings each, over a million parameters), and the curvature they carry needs no more;
/// every sum is taken in double precision.
fn minimise(
    parameters: usize,
    settings: Settings,
    loss: impl Fn(&[f64], &mut [f64]) -> f64,
) -> Vec<f64> {
    let mut theta = vec![0.0; parameters];
    let mut gradient = vec![0.0; parameters];
    let mut value = loss(&theta, &mut gradient);
    let mut history: VecDeque<(Vec<f32>, Vec<f32>, f64)> = VecDeque::new();
    let (mut next, mut next_gradient) = (vec![0.0; parameters], vec![0.0; parameters]);
    let mut direction = vec![0.0; parameters];
    for _ in 0..settings.rounds {
        // The direction: the gradient through the remembered curvature (two-loop recursion).
        direction.copy_from_slice(&gradient);
        let mut alphas = Vec::with_capacity(history.len());
        for (step, change, rho) in history.iter().rev() {
            let alpha = rho * dot(step, &direction);
            for (d, c) in direction.iter_mut().zip(change) {
                *d -= alpha * f64::from(*c);
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
                *d += f64::from(*s) * (alpha - beta);
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
        // The step taken and the change of gradient it brought, summed before either is kept.
        let steps = next.iter().zip(&theta).map(|(n, t)| n - t);
        let changes = next_gradient.iter().zip(&gradient).map(|(n, g)| n - g);
        let curvature = steps
            .clone()
            .zip(changes.clone())
            .map(|(s, c)| s * c)
            .sum::<f64>();
        if curvature > 1e-10 {
            // The oldest pair's room is reused once the memory is full.
            let (mut step, mut change) = if history.len() == settings.memory {
                let (step, change, _) = history.pop_front().expect("the memory is full");
                (step, change)
            } else {
                (
                    Vec::with_capacity(parameters),
                    Vec::with_capacity(parameters),
                )
            };
            step.clear();
            step.extend(steps.map(|s| s as f32));
            change.clear();
            change.extend(changes.map(|c| c as f32));
            history.push_back((step, change, 1.0 / curvature));
        }
        let improvement = value - next_value;
        std::mem::swap(&mut theta, &mut next);
        std::mem::swap(&mut gradient, &mut next_gradient);
        value = next_value;
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

    /// The loss and gradient, which skip the classes an example does not reach, agree with
    /// the softmax over every class written out, and with the loss's finite differences.
    #[test]
    fn loss_and_gradient_agree_with_the_full_softmax() {
        let classes_of = vec![vec![0, 2], vec![1], vec![0, 1, 2, 3], vec![3]];
        let examples = vec![
            Example {
                features: vec![(0, 0.6), (1, 0.8)],
                class: 0,
            },
            Example {
                features: vec![(1, 1.0)],
                class: 2,
            },
            Example {
                features: vec![(3, 0.5)],
                class: 4,
            },
            Example {
                features: vec![(2, 0.3), (3, 0.9)],
                class: 3,
            },
        ];
        let problem = Problem::new(examples, classes_of, 5, 0.05);
        let theta: Vec<f64> = (0..problem.parameters())
            .map(|i| ((i * 7919) % 13) as f64 / 4.0 - 1.5)
            .collect();
        let full_softmax_loss = |theta: &[f64]| {
            let weights = problem.weight_count();
            let mut loss = 0.0;
            for example in &problem.examples {
                let mut logits = theta[weights..].to_vec();
                for &(feature, value) in &example.features {
                    let span = problem.weights_of(feature);
                    for (&class, &weight) in problem.classes[span.clone()].iter().zip(&theta[span])
                    {
                        logits[class as usize] += f64::from(value) * weight;
                    }
                }
                let total: f64 = logits.iter().map(|z| z.exp()).sum();
                loss += total.ln() - logits[example.class as usize];
            }
            loss + theta[..weights]
                .iter()
                .map(|w| 0.5 * 0.05 * w * w)
                .sum::<f64>()
        };
        let mut gradient = vec![0.0; theta.len()];
        let loss = problem.loss_and_gradient(&theta, &mut gradient);
        assert!((loss - full_softmax_loss(&theta)).abs() < 1e-9, "{loss}");
        for i in 0..theta.len() {
            let mut moved = theta.clone();
            moved[i] += 1e-6;
            let slope = (full_softmax_loss(&moved) - full_softmax_loss(&theta)) / 1e-6;
            assert!(
                (gradient[i] - slope).abs() < 1e-4,
                "parameter {i}: {} vs {slope}",
                gradient[i]
            );
        }
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
