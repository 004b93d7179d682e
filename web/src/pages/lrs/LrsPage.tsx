// The learning record store for admins: browse statements (filters, paging), the actors and
// activities not yet mapped to civil servants or programmes, and the store's credentials
// (create: the secret is shown once; revoke). Provider admins see their own store; national
// admins and auditors read every store; auditors do not manage credentials.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { useMe } from '../../auth.tsx';
import { Field } from '../../components/CatalogBits.tsx';
import { Alert, LoadError, Loading } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { grantsFor, hasAnyRole } from '../../roles.ts';
import { fieldErrorMap, toQuery, type PublicProvider } from '../../catalog.ts';

interface StatementRow {
  seq: number;
  id: string;
  provider_code: string;
  stored: string;
  verb_id: string;
  activity_id: string | null;
  voided: boolean;
  statement: Record<string, unknown>;
}

interface Credential {
  id: string;
  provider_id: number;
  provider_code: string;
  name: string;
  key: string;
  may_read: boolean;
  may_write: boolean;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

interface CreatedCredential {
  id: string;
  provider_code: string;
  name: string;
  key: string;
  secret: string;
  endpoint: string;
}

type Agent = { name?: string; mbox?: string; account?: { name?: string; homePage?: string }; openid?: string; mbox_sha1sum?: string; objectType?: string };
type LangMap = Record<string, string> | undefined;

function pickLang(map: LangMap, lang: string): string | undefined {
  if (!map) return undefined;
  const keys = Object.keys(map);
  const key = keys.find((k) => k.toLowerCase().startsWith(lang)) ?? keys.find((k) => k.toLowerCase().startsWith('en')) ?? keys[0];
  return key ? map[key] : undefined;
}

export function agentLabel(agent: Agent | undefined): string {
  if (!agent) return '';
  const id = agent.account?.name ?? agent.mbox?.replace(/^mailto:/, '') ?? agent.openid ?? agent.mbox_sha1sum ?? '';
  return agent.name ? `${agent.name}${id ? ` (${id})` : ''}` : id;
}

const lastPart = (iri: string) => iri.replace(/[/#]+$/, '').split(/[/#]/).pop() ?? iri;

export default function LrsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('lrs.title'));
  const me = useMe();
  const manages = hasAnyRole(me, ['provider_admin', 'national_admin']);
  return (
    <>
      <div className="page-head">
        <h1>{t('lrs.title')}</h1>
        <p className="muted measure">{t('lrs.intro')}</p>
      </div>
      <Statements />
      <Unmapped />
      {manages && <Credentials />}
    </>
  );
}

interface StatementFilters {
  provider: string;
  person: string;
  activity: string;
  verb: string;
  from: string;
  to: string;
}
const NO_FILTERS: StatementFilters = { provider: '', person: '', activity: '', verb: '', from: '', to: '' };
const PAGE = 25;

function Statements() {
  const { t, i18n } = useTranslation();
  const f = useFormatters();
  const me = useMe();
  const readsAll = hasAnyRole(me, ['national_admin', 'auditor']);
  const [draft, setDraft] = useState<StatementFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<StatementFilters>(NO_FILTERS);
  // Sequence numbers that start each page seen so far (paging goes by "before").
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const list = useApi<{ items: StatementRow[] }>(`/api/lrs/statements${toQuery({ ...filters, before, limit: PAGE })}`);
  const set = (patch: Partial<StatementFilters>) => setDraft({ ...draft, ...patch });
  const e = list.error ? fieldErrorMap(list.error.errors) : {};
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...draft, person: draft.person.trim(), activity: draft.activity.trim(), verb: draft.verb.trim(), provider: draft.provider.trim() });
    setCursors([undefined]);
  };
  const items = list.data?.items ?? [];
  const input = (key: keyof StatementFilters, label: string, type = 'text', hint?: string) => (
    <Field id={`st-${key}`} label={label} hint={hint} errors={e[`${key}`]}>
      {(d, inv) => <input id={`st-${key}`} type={type} value={draft[key]} onChange={(ev) => set({ [key]: ev.target.value })} aria-describedby={d} aria-invalid={inv} />}
    </Field>
  );

  return (
    <section className="card section" aria-labelledby="statements-title">
      <h2 id="statements-title">{t('lrs.statements')}</h2>
      <form className="form" onSubmit={onSubmit} role="search" aria-label={t('lrs.filterLabel')}>
        <div className="form-row">
          {readsAll && input('provider', t('lrs.provider'), 'text', t('lrs.providerHint'))}
          {input('person', t('lrs.person'), 'text', t('lrs.personHint'))}
          {input('verb', t('lrs.verb'), 'text', t('lrs.iriHint'))}
          {input('activity', t('lrs.activity'), 'text', t('lrs.iriHint'))}
          {input('from', t('lrs.from'), 'date')}
          {input('to', t('lrs.to'), 'date')}
        </div>
        <div className="button-row">
          <button type="submit" className="btn btn-primary">
            {t('lrs.applyFilters')}
          </button>
          <button
            type="button"
            className="btn btn-light"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
              setCursors([undefined]);
            }}
          >
            {t('lrs.clearFilters')}
          </button>
        </div>
      </form>
      {list.error && list.error.status === 404 ? <Alert>{list.error.detail ?? list.error.title}</Alert> : <LoadError error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && items.length === 0 && <p className="empty">{t('lrs.noStatements')}</p>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="statements" aria-busy={list.loading}>
            <caption className="sr-only">{t('lrs.statementsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('lrs.stored')}</th>
                <th scope="col">{t('lrs.actor')}</th>
                <th scope="col">{t('lrs.verb')}</th>
                <th scope="col">{t('lrs.activity')}</th>
                <th scope="col">{t('lrs.store')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => {
                const st = s.statement as { actor?: Agent; verb?: { id: string; display?: LangMap }; object?: { id?: string; definition?: { name?: LangMap } }; result?: { completion?: boolean; success?: boolean; score?: { scaled?: number } } };
                const verb = pickLang(st.verb?.display, i18n.language) ?? lastPart(s.verb_id);
                const activityName = pickLang(st.object?.definition?.name, i18n.language);
                return (
                  <tr key={s.seq} className={s.voided ? 'row-voided' : undefined}>
                    <td className="nowrap">{f.dateTime(s.stored)}</td>
                    <th scope="row" className="break">
                      {agentLabel(st.actor)}
                    </th>
                    <td>
                      <span title={s.verb_id}>{verb}</span>
                      {s.voided && <span className="tag tag-muted">{t('lrs.voided')}</span>}
                    </td>
                    <td className="break">
                      {activityName && <span className="block">{activityName}</span>}
                      <span className="small muted mono">{s.activity_id ?? t('common.empty')}</span>
                    </td>
                    <td className="mono">{s.provider_code}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t('lrs.pages')}>
        <button type="button" className="btn btn-outline btn-small" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('lrs.newer')}
        </button>
        <span>{t('common.pageOf', { page: cursors.length, pages: items.length === PAGE ? `${cursors.length}+` : cursors.length })}</span>
        <button type="button" className="btn btn-outline btn-small" disabled={items.length < PAGE} onClick={() => setCursors([...cursors, items[items.length - 1].seq])}>
          {t('lrs.older')}
        </button>
      </nav>
    </section>
  );
}

function Unmapped() {
  const { t } = useTranslation();
  const f = useFormatters();
  const { i18n } = useTranslation();
  const data = useApi<{ actors: { provider_id: number; ifi: string; agent: Agent; first_seen: string; last_seen: string }[]; activities: { provider_id: number; id: string; definition: { name?: LangMap } | null; first_seen: string; last_seen: string }[] }>('/api/lrs/unmapped?limit=100');
  return (
    <section className="card section" aria-labelledby="unmapped-title">
      <h2 id="unmapped-title">{t('lrs.unmapped')}</h2>
      <p className="hint">{t('lrs.unmappedIntro')}</p>
      <LoadError error={data.error} onRetry={data.reload} />
      {data.loading && !data.data && <Loading />}
      {data.data && (
        <div className="two-col">
          <div>
            <h3>{t('lrs.unmappedActors', { count: data.data.actors.length })}</h3>
            {data.data.actors.length === 0 ? (
              <p className="empty">{t('lrs.noneUnmapped')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="unmapped-actors">
                  <caption className="sr-only">{t('lrs.unmappedActorsCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('lrs.actor')}</th>
                      <th scope="col">{t('lrs.lastSeen')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.data.actors.map((a) => (
                      <tr key={`${a.provider_id}-${a.ifi}`}>
                        <th scope="row" className="break">
                          {agentLabel(a.agent) || a.ifi}
                        </th>
                        <td className="nowrap">{f.dateTime(a.last_seen)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
          <div>
            <h3>{t('lrs.unmappedActivities', { count: data.data.activities.length })}</h3>
            {data.data.activities.length === 0 ? (
              <p className="empty">{t('lrs.noneUnmapped')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="unmapped-activities">
                  <caption className="sr-only">{t('lrs.unmappedActivitiesCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('lrs.activity')}</th>
                      <th scope="col">{t('lrs.lastSeen')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.data.activities.map((a) => (
                      <tr key={`${a.provider_id}-${a.id}`}>
                        <th scope="row" className="break">
                          {pickLang(a.definition?.name, i18n.language) && <span className="block">{pickLang(a.definition?.name, i18n.language)}</span>}
                          <span className="small mono">{a.id}</span>
                        </th>
                        <td className="nowrap">{f.dateTime(a.last_seen)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function Credentials() {
  const { t } = useTranslation();
  const f = useFormatters();
  const me = useMe();
  const national = hasAnyRole(me, ['national_admin']);
  const myCodes = grantsFor(me, 'provider_admin')
    .map((g) => (g.scope.startsWith('provider:') ? g.scope.slice('provider:'.length) : null))
    .filter((c): c is string => Boolean(c));
  const providers = useApi<{ items: PublicProvider[] }>(national ? '/api/catalog/providers?limit=200' : null);
  const list = useApi<{ items: Credential[] }>('/api/lrs/credentials');
  const [provider, setProvider] = useState(myCodes[0] ?? '');
  const [name, setName] = useState('');
  const [mayRead, setMayRead] = useState(true);
  const [mayWrite, setMayWrite] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [created, setCreated] = useState<CreatedCredential | null>(null);
  const [revokeError, setRevokeError] = useState<ApiError | null>(null);
  const secretRef = useRef<HTMLDivElement>(null);
  const e = error ? fieldErrorMap(error.errors) : {};
  const codes = national ? (providers.data?.items.map((p) => ({ code: p.code, name: p.name })) ?? []) : myCodes.map((c) => ({ code: c, name: c }));

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const c = await api<CreatedCredential>('/api/lrs/credentials', { method: 'POST', body: { provider, name: name.trim(), mayRead, mayWrite } });
      setCreated(c);
      setName('');
      list.reload();
      requestAnimationFrame(() => secretRef.current?.focus());
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (c: Credential) => {
    if (!window.confirm(t('lrs.revokeConfirm', { name: c.name }))) return;
    setRevokeError(null);
    try {
      await api(`/api/lrs/credentials/${c.id}`, { method: 'DELETE' });
      list.reload();
    } catch (err) {
      setRevokeError(toApiError(err));
    }
  };

  return (
    <section className="card section" aria-labelledby="credentials-title">
      <h2 id="credentials-title">{t('lrs.credentials')}</h2>
      <p className="hint">{t('lrs.credentialsIntro')}</p>
      <LoadError error={list.error} onRetry={list.reload} />
      {revokeError && <Alert>{revokeError.detail ?? revokeError.title}</Alert>}
      {list.loading && !list.data && <Loading />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p className="empty">{t('lrs.noCredentials')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="credentials">
              <caption className="sr-only">{t('lrs.credentialsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lrs.credentialName')}</th>
                  <th scope="col">{t('lrs.store')}</th>
                  <th scope="col">{t('lrs.key')}</th>
                  <th scope="col">{t('lrs.permissions')}</th>
                  <th scope="col">{t('lrs.created')}</th>
                  <th scope="col">{t('lrs.lastUsed')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('offering.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((c) => (
                  <tr key={c.id} className={c.revoked_at ? 'row-voided' : undefined} data-testid="credential">
                    <th scope="row">{c.name}</th>
                    <td className="mono">{c.provider_code}</td>
                    <td className="mono break">{c.key}</td>
                    <td>{[c.may_read ? t('lrs.read') : null, c.may_write ? t('lrs.write') : null].filter(Boolean).join(', ')}</td>
                    <td className="nowrap">{f.dateTime(c.created_at)}</td>
                    <td className="nowrap">{c.last_used_at ? f.dateTime(c.last_used_at) : t('lrs.never')}</td>
                    <td>
                      {c.revoked_at ? (
                        <span className="tag tag-muted">{t('lrs.revokedOn', { date: f.date(c.revoked_at) })}</span>
                      ) : (
                        <button type="button" className="btn btn-link" onClick={() => void revoke(c)}>
                          {t('lrs.revoke')}
                          <span className="sr-only"> {c.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}

      {created && (
        <div className="secret-box" tabIndex={-1} ref={secretRef} role="region" aria-labelledby="secret-title" data-testid="new-secret">
          <h3 id="secret-title">{t('lrs.createdTitle', { name: created.name })}</h3>
          <p className="alert alert-info">{t('lrs.secretOnce')}</p>
          <dl className="kv">
            <dt>{t('lrs.endpoint')}</dt>
            <dd className="mono break">{created.endpoint}</dd>
            <dt>{t('lrs.key')}</dt>
            <dd className="mono break" data-testid="new-key">
              {created.key}
            </dd>
            <dt>{t('lrs.secret')}</dt>
            <dd className="mono break" data-testid="secret-value">
              {created.secret}
            </dd>
          </dl>
          <button type="button" className="btn btn-outline btn-small" onClick={() => setCreated(null)}>
            {t('lrs.secretSaved')}
          </button>
        </div>
      )}

      <form className="form" onSubmit={onCreate} noValidate aria-labelledby="new-credential-title">
        <h3 id="new-credential-title">{t('lrs.newCredential')}</h3>
        {error && <Alert>{error.detail ?? error.title}</Alert>}
        <div className="form-row">
          <Field id="cred-provider" label={t('lrs.store')} errors={e.provider}>
            {(d, inv) => (
              <select id="cred-provider" value={provider} onChange={(ev) => setProvider(ev.target.value)} aria-describedby={d} aria-invalid={inv}>
                {national && <option value="">{t('editor.chooseProvider')}</option>}
                {codes.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name === c.code ? c.code : `${c.name} (${c.code})`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="cred-name" label={t('lrs.credentialName')} hint={t('lrs.credentialNameHint')} errors={e.name}>
            {(d, inv) => <input id="cred-name" type="text" value={name} maxLength={120} onChange={(ev) => setName(ev.target.value)} aria-describedby={d} aria-invalid={inv} />}
          </Field>
        </div>
        <div className="checks">
          <label className="check">
            <input type="checkbox" checked={mayRead} onChange={(ev) => setMayRead(ev.target.checked)} /> {t('lrs.mayRead')}
          </label>
          <label className="check">
            <input type="checkbox" checked={mayWrite} onChange={(ev) => setMayWrite(ev.target.checked)} /> {t('lrs.mayWrite')}
          </label>
        </div>
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('lrs.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
