/**
 * A compute thread of a data-parallel CPINN game (shardedCpinnGame.ts): it holds the PDE kinds
 * of one slice of the interior points (the PINN's and the discriminator's factored Jacobians
 * there) and answers the game's questions at each point: value and gradients, then the mixed
 * Hessian–vector products the Krylov solver asks for, each its slice's part of the sum.
 */
import type { RunConfig } from '../config/schema';
import { CpinnGame, type CpinnGamePoint } from '../methods/cpinn/cpinnGame';
import { Discriminator } from '../methods/cpinn/discriminator';
import { residualKinds } from '../methods/cpinn/residualKinds';
import { inputMap, networkShape } from '../problems/collocation';
import { buildProblemModel } from '../problems/problemModel';
import { serveRequests } from './threadServer';

export type CpinnShardRequest =
  | { kind: 'init'; config: RunConfig; interior: Float64Array; interiorCount: number; discriminatorOutputs: number }
  | { kind: 'at'; thetaMax: Float64Array; thetaMin: Float64Array }
  | { kind: 'mixedMaxMin' | 'mixedMinMax'; v: Float64Array }
  | { kind: 'release' };

export interface CpinnShardPoint {
  value: number;
  gradMax: Float64Array;
  gradMin: Float64Array;
  /** Per kind name: this slice's part of the mean squared residual. */
  meanSquaredResiduals: Record<string, number>;
}

let game: CpinnGame | undefined;
let point: CpinnGamePoint | undefined;

serveRequests<CpinnShardRequest>((request) => {
  switch (request.kind) {
    case 'init': {
      const { config, interior, interiorCount, discriminatorOutputs } = request;
      if (config.method.name !== 'cpinn') throw new Error(`method '${config.method.name}' is not cpinn`);
      const model = buildProblemModel(config.problem);
      const map = inputMap(model);
      const kinds = residualKinds(model, { interior, boundary: [], normals: [], periodic: [] }, config.loss, interiorCount);
      const { hidden, activation } = config.method.discriminator;
      const discriminator = new Discriminator({ inputs: model.coordinates.length, hidden, outputs: discriminatorOutputs, activation }, map);
      game = new CpinnGame(networkShape(config, model), map, discriminator, kinds);
      return;
    }
    case 'at': {
      if (!game) throw new Error('no game set up');
      point = game.at(request.thetaMax, request.thetaMin);
      const kinds = game.kinds;
      const result: CpinnShardPoint = {
        value: point.value,
        gradMax: point.gradMax,
        gradMin: point.gradMin,
        meanSquaredResiduals: Object.fromEntries(kinds.map((kind, k) => [kind.name, point!.meanSquaredResiduals[k]])),
      };
      return { value: result };
    }
    case 'mixedMaxMin':
    case 'mixedMinMax': {
      if (!point) throw new Error('no game point');
      const product = point[request.kind](request.v);
      return { value: product, transfer: [product.buffer as ArrayBuffer] };
    }
    case 'release':
      point?.release();
      point = undefined;
      return;
  }
});
