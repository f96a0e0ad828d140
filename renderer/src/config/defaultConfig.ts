/** The config the editor starts with until the service's examples arrive (or when it has none). */
export const DEFAULT_CONFIG = {
  name: 'poisson-sin',
  problem: {
    kind: 'custom',
    domain: { type: 'box', min: [0, 0], max: [1, 1] },
    equation: 'u_xx + u_yy = -2*pi^2*sin(pi*x)*sin(pi*y)',
    boundary: [{ where: 'all', type: 'dirichlet', value: '0' }],
    exact: 'sin(pi*x)*sin(pi*y)',
  },
  method: {
    name: 'pinn',
    optimizers: [
      { name: 'adam', lr: 0.001, iterations: 3000 },
      { name: 'lbfgs', iterations: 1000 },
    ],
  },
  network: { hidden: [32, 32, 32], activation: 'tanh' },
  sampling: { interior: 2000, boundary: 400 },
  budget: { seconds: 600 },
  seed: 1,
};
