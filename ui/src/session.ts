// Who is signed in, shared by the shell and the screens. The server decides what a role may
// do; the UI only uses the role to hide what would be refused anyway.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role, Session } from './types';

export const SessionContext = createContext<{
  session: Session;
  signedOut: () => void;
  replaced: (s: Session) => void;
} | null>(null);

export function useSession() {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in shell');
  return s;
}

export function canSend(role: Role): boolean {
  return role === 'admin' || role === 'operator';
}

export function isAdmin(role: Role): boolean {
  return role === 'admin';
}
