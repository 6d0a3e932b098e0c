import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTimeV, type TimeReport } from './time-v.ts';
import { sampleTreeRss } from './tree-rss.ts';

export const GNU_TIME = '/usr/bin/time';

/** Fails clearly unless GNU time (with -v) is installed: it reports the build's peak memory. */
export function requireGnuTime(): void {
  const probe = existsSync(GNU_TIME) ? spawnSync(GNU_TIME, ['-v', 'true'], { encoding: 'utf8' }) : undefined;
  if (!probe || probe.status !== 0 || !/Maximum resident set size/.test(probe.stderr)) {
    console.error(`bench: GNU time is missing (${GNU_TIME} -v). Install it with: apt-get install -y time`);
    process.exit(1);
  }
}

export interface BuildRun {
  log: string;
  time: TimeReport;
  /** Peak of the summed RSS of the whole process tree (sampled every 250 ms), in KB. */
  treePeakRssKb: number;
}

// Lines worth echoing while a long build runs; the whole log goes to build.log.
const ECHO = /policy-atlas:|page\(s\) built|indexed \d+ pages|error|Error|Complete/;

/** Runs `node scripts/build.mjs` under `time -v` with the given catalog and output folders. */
export function runBuild(root: string, work: string, catalogDir: string, outDir: string): Promise<BuildRun> {
  const timeFile = join(work, 'time-v.txt');
  const logFile = createWriteStream(join(work, 'build.log'));
  const env: NodeJS.ProcessEnv = { ...process.env, CATALOG_DIR: catalogDir, OUT_DIR: outDir, ASTRO_TELEMETRY_DISABLED: '1' };
  delete env.BASE_PATH; // the query measurement serves the site at "/"
  const child = spawn(GNU_TIME, ['-v', '-o', timeFile, process.execPath, join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stopSampling = sampleTreeRss(child.pid!);
  const chunks: string[] = [];
  let pending = '';
  const take = (data: Buffer) => {
    const text = data.toString('utf8');
    chunks.push(text);
    logFile.write(text);
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (ECHO.test(line)) console.log(`  | ${line}`);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => {
      const treePeakRssKb = stopSampling();
      logFile.end();
      const log = chunks.join('');
      if (code !== 0) {
        const tail = log.trimEnd().split('\n').slice(-30).join('\n');
        fail(new Error(`the build exited with status ${code}; last lines of ${join(work, 'build.log')}:\n${tail}`));
        return;
      }
      done({ log, time: parseTimeV(readFileSync(timeFile, 'utf8')), treePeakRssKb });
    });
  });
}
