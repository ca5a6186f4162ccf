/** Who is signed in and what they may see: login, me, users. */
import { z } from 'zod';
import { RoleGrantSchema } from '../dsl/org.js';

/**
 * What the web app shows navigation by (server/auth/roles.ts derives them from the grants).
 * `inbox`: staff — works cases of the units their grants cover (待办 with role-claimable tasks, the
 * case list of those units, the user directory). `participant`: a citizen — sees and acts only on
 * the cases they are part of (started, assigned, voting, 抄送) and starts the procedures that name
 * their role as a starter; never the user directory.
 */
export const CAPABILITIES = ['designer', 'inbox', 'participant', 'monitor', 'admin', 'xinfang', 'ops'] as const;
export type Capability = (typeof CAPABILITIES)[number];

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  grants: z.array(RoleGrantSchema),
  capabilities: z.array(z.enum(CAPABILITIES)),
});
export type Me = z.infer<typeof MeSchema>;

export const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });
export const LoginResponse = z.object({ user: MeSchema });

export const PasswordBody = z.object({ current: z.string().min(1).max(200), next: z.string().min(8, { message: '新密码至少 8 位' }).max(200) });

export const UserSchema = z.object({ id: z.string(), username: z.string(), name: z.string(), grants: z.array(RoleGrantSchema), disabled: z.boolean() });
export type UserSummary = z.infer<typeof UserSchema>;
