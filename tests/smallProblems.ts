/**
 * Tiny custom problems the tests and the soak train every method on (written once: each is a
 * config's `problem`, with an exact solution).
 */

/** u'' = −π² sin πx on [0, 1], u = 0 at both ends: u = sin πx. */
export const poisson1d = { kind: 'custom', domain: { type: 'box', min: [0], max: [1] }, equation: 'u_xx = -pi^2*sin(pi*x)', boundary: [{ where: 'all', value: '0' }], exact: 'sin(pi*x)' };

/** Periodic heat u_t = 0.1 u_xx on [0, 2π) for t ∈ [0, tEnd]: u = e^{−0.1t} sin x + 0.5 e^{−0.4t} cos 2x. */
export const periodicHeat1d = (tEnd: number) => ({
  kind: 'custom',
  domain: { type: 'box', min: [0], max: [2 * Math.PI], time: [0, tEnd], periodic: true },
  equation: 'u_t = 0.1*u_xx',
  initial: { value: 'sin(x) + 0.5*cos(2*x)' },
  exact: 'exp(-0.1*t)*sin(x) + 0.5*exp(-0.4*t)*cos(2*x)',
});

/** A steady front u = tanh((x − 0.5)/0.1) on the unit square, the field the mesh movers adapt to. */
export const tanhFront = { kind: 'custom', domain: { type: 'box', min: [0, 0], max: [1, 1] }, equation: 'u = tanh((x - 0.5)/0.1)', exact: 'tanh((x - 0.5)/0.1)' };
