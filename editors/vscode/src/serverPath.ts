// Finding the cedar-ls executable: the setting, else the binary bundled in
// the .vsix for this platform, else cedar-ls on PATH. Pure (the file system
// is passed in) so the order and the messages are unit tested.
import * as path from 'node:path';

export const installCommand = 'go install github.com/cedar-ls/cedar-ls/cmd/cedar-ls@latest';

export interface ServerPathEnv {
  platform: string; // process.platform
  extensionPath: string;
  pathEnv: string; // process.env.PATH
  homeDir: string;
  workspaceFolder?: string;
  isExecutable(file: string): boolean;
}

export type ServerPath =
  | { ok: true; path: string; source: 'setting' | 'bundled' | 'PATH' }
  | { ok: false; message: string };

function exeName(platform: string): string {
  return platform === 'win32' ? 'cedar-ls.exe' : 'cedar-ls';
}

// expandSetting resolves ~ and ${workspaceFolder} and makes a relative
// path relative to the workspace folder.
export function expandSetting(value: string, env: ServerPathEnv): string {
  let p = value.trim();
  if (p === '~' || p.startsWith('~/')) p = path.join(env.homeDir, p.slice(1));
  if (env.workspaceFolder) p = p.replace(/\$\{workspaceFolder\}/g, env.workspaceFolder);
  if (!path.isAbsolute(p) && p.includes('/') && env.workspaceFolder) p = path.join(env.workspaceFolder, p);
  return p;
}

function onPath(name: string, env: ServerPathEnv): string | undefined {
  const sep = env.platform === 'win32' ? ';' : ':';
  for (const dir of env.pathEnv.split(sep)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (env.isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function resolveServerPath(setting: string | undefined, env: ServerPathEnv): ServerPath {
  if (setting && setting.trim() !== '') {
    const p = expandSetting(setting, env);
    if (path.isAbsolute(p)) {
      if (env.isExecutable(p)) return { ok: true, path: p, source: 'setting' };
    } else {
      const found = onPath(p, env);
      if (found) return { ok: true, path: found, source: 'setting' };
    }
    return {
      ok: false,
      message: `cedar.server.path is "${setting}", but no executable cedar-ls is there. ` +
        `Fix the setting, or clear it to use the bundled or installed cedar-ls (install: ${installCommand}).`,
    };
  }
  const bundled = path.join(env.extensionPath, 'bin', exeName(env.platform));
  if (env.isExecutable(bundled)) return { ok: true, path: bundled, source: 'bundled' };
  const found = onPath(exeName(env.platform), env);
  if (found) return { ok: true, path: found, source: 'PATH' };
  return {
    ok: false,
    message: `The Cedar language server (cedar-ls) was not found: this extension has no cedar-ls for ` +
      `${env.platform}, and there is none on PATH. Install it with \`${installCommand}\` ` +
      `(or set cedar.server.path), then run "Cedar: Restart Server".`,
  };
}
