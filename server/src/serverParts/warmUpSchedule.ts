import type { Connection } from 'vscode-languageserver';
import { PortLanguageService } from '../service/languageService';
import type { RegistryIndex } from '../service/registry/registryIndex';
import { resolveSettings } from '../service/settings';
import { WARM_UP_DOCUMENTS, warmUpRound } from '../warmUp';
import { codeIsWarm } from '../codeWarm';
import { errorText } from '../safeRequest';
import type { DiagnosticsPush } from './diagnosticsPush';

/**
 * How many times each warm-up document is validated after start-up: the first pass costs about
 * 10 ms (code compiled for the first time, registry tables built on first use, which the first real
 * document would pay otherwise), each further one under a millisecond once the code is warm.
 */
const WARM_UP_PASSES = 8;

/** Pause between the registry load and the first warm-up round, in ms. */
const WARM_UP_DELAY_MS = 10;

/**
 * Validates small built-in documents in idle time, one per turn of the event loop, so that the
 * finders and rules are compiled before the first real document needs them. While a document waits
 * for its diagnostics the warm-up pauses; the next push resumes it.
 */
export class WarmUpSchedule {
  constructor(
    private readonly connection: Connection,
    private readonly getIndex: () => RegistryIndex,
    private readonly diagnostics: DiagnosticsPush,
  ) {}

  start(): void {
    const warmService = new PortLanguageService(this.getIndex);
    const settings = resolveSettings(undefined);
    const rounds = WARM_UP_PASSES * WARM_UP_DOCUMENTS.length;
    let round = 0;
    let scheduled = false;
    const step = (): void => {
      scheduled = false;
      if (round >= rounds) {
        this.diagnostics.onIdle = undefined;
        // The finders and rules are compiled now: the code cache can hold them for the next start.
        codeIsWarm();
        return;
      }
      if (this.diagnostics.busy) return;
      try {
        warmUpRound(warmService, settings, round++);
      } catch (e) {
        this.diagnostics.onIdle = undefined;
        this.connection.console.error(`IANA Ports: ${errorText(e)}`);
        return;
      }
      resume();
    };
    const resume = (): void => {
      if (scheduled) return;
      scheduled = true;
      setImmediate(step);
    };
    this.diagnostics.onIdle = resume;
    // Messages that arrived while the registry loaded are handled one per turn of the event loop, as
    // the warm-up is: starting at once, its rounds would alternate with them and delay a document
    // opened with the editor. After a short pause that document is waiting for its diagnostics, which
    // holds the warm-up back until they are sent.
    setTimeout(resume, WARM_UP_DELAY_MS);
  }
}
