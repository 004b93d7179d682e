import { Type } from 'typebox';
import { DateTime, Nullable } from '../../http/schemas.ts';

export const RoleSchema = Type.Union(
  ['learner', 'supervisor', 'agency_admin', 'provider_admin', 'national_admin', 'auditor'].map((r) => Type.Literal(r)),
  { description: 'Role granted in a scope' },
);

export const LoginBody = Type.Object(
  {
    identifier: Type.String({ minLength: 3, maxLength: 254, description: 'E-mail address or 18-digit NIP' }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const GrantView = Type.Object({
  role: RoleSchema,
  scope: Type.String({ description: '"national", "agency:<code>" or "provider:<code>"' }),
  scopeType: Type.String(),
  scopeId: Nullable(Type.Integer()),
  scopeName: Nullable(Type.String()),
});

export const MeView = Type.Object({
  type: Type.String(),
  id: Type.String(),
  email: Nullable(Type.String()),
  displayName: Type.String(),
  locale: Type.String(),
  civilServantId: Nullable(Type.Integer()),
  grants: Type.Array(GrantView),
  csrfToken: Nullable(Type.String({ description: 'Send as x-csrf-token with every change made with the session cookie' })),
});

export const PasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

export const AuthConfigView = Type.Object({
  oidc: Type.Object({ enabled: Type.Boolean(), label: Nullable(Type.String()) }),
});

export const OidcStartQuery = Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export const OidcCallbackQuery = Type.Object(
  {
    state: Type.Optional(Type.String({ maxLength: 500 })),
    code: Type.Optional(Type.String({ maxLength: 2000 })),
    iss: Type.Optional(Type.String({ maxLength: 500 })),
    error: Type.Optional(Type.String({ maxLength: 200 })),
    error_description: Type.Optional(Type.String({ maxLength: 1000 })),
    session_state: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  nip: Nullable(Type.String()),
  display_name: Type.String(),
  civil_servant_id: Nullable(Type.Integer()),
  locale: Type.String(),
  disabled: Type.Boolean(),
  created_at: DateTime,
  grants: Type.Array(GrantView),
});

export const CreateUserBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    password: Type.Optional(Type.String({ maxLength: 256, description: 'Leave out for SSO-only accounts' })),
    nip: Type.Optional(Type.String({ pattern: '^\\d{18}$', description: 'Links the account to this civil servant' })),
    role: RoleSchema,
    scope: Type.String({ minLength: 1, maxLength: 120 }),
  },
  { additionalProperties: false },
);

export const TokenView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  role: RoleSchema,
  scope_type: Type.String(),
  scope_id: Nullable(Type.Integer()),
  created_by: Nullable(Type.String()),
  created_at: DateTime,
  last_used_at: Nullable(DateTime),
  revoked_at: Nullable(DateTime),
});

export const CreatedTokenView = Type.Intersect([TokenView, Type.Object({ scope: Type.String(), token: Type.String({ description: 'Shown once; store it now' }) })]);

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scope: Type.String({ minLength: 1, maxLength: 120 }),
    role: Type.Optional(RoleSchema),
  },
  { additionalProperties: false },
);
