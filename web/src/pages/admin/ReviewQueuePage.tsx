// National review of submitted leadership programmes: approve, or return to draft with a note.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, toApiError, type ApiError } from '../../api.ts';
import { AccreditationBadge } from '../../components/CatalogBits.tsx';
import { Alert, LoadError, Loading } from '../../components/Feedback.tsx';
import { useApi, useDocumentTitle, useFormatters } from '../../hooks.ts';
import { Link } from '../../router.tsx';
import { useLocalised, type ProgrammeListItem } from '../../catalog.ts';

export default function ReviewQueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('review.title'));
  const list = useApi<{ items: ProgrammeListItem[] }>('/api/catalog/manage/programmes?review=pending&limit=200');
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <div className="page-head">
        <h1>{t('review.title')}</h1>
        <p className="muted measure">{t('review.intro')}</p>
      </div>
      {done && <Alert kind="success">{done}</Alert>}
      <LoadError error={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && <p className="empty">{t('review.empty')}</p>}
      <div className="review-list">
        {list.data?.items.map((p) => (
          <ReviewItem
            key={p.id}
            item={p}
            onDone={(text) => {
              setDone(text);
              list.reload();
            }}
          />
        ))}
      </div>
    </>
  );
}

function ReviewItem({ item: p, onDone }: { item: ProgrammeListItem; onDone(text: string): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const loc = useLocalised();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const title = loc(p.title_id, p.title_en);
  const decide = async (decision: 'approve' | 'return', event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/api/catalog/programmes/${p.id}/review`, { method: 'POST', body: { decision, ...(note.trim() ? { note: note.trim() } : {}) } });
      onDone(t(decision === 'approve' ? 'review.approved' : 'review.returned', { title }));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <article className="card section" aria-labelledby={`rev-${p.id}`} data-testid="review-item">
      <h2 id={`rev-${p.id}`} className="card-title">
        <Link to={`/penyelenggara/program/${p.id}`}>{title}</Link>
      </h2>
      <p className="result-tags">
        <span className="tag">{t(`category.${p.category}`)}</span>
        <span className="tag">{t('catalog.jpValue', { count: p.jp })}</span>
        <AccreditationBadge accreditation={p.accreditation} />
        <span className="small muted">
          {p.provider.name} · {f.date(p.updated_at)}
        </span>
      </p>
      {error && <Alert>{error.detail ?? error.title}</Alert>}
      <form className="form" onSubmit={(e) => void decide('return', e)}>
        <div className="field">
          <label htmlFor={`note-${p.id}`}>{t('review.note')}</label>
          <textarea id={`note-${p.id}`} rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} aria-describedby={`note-${p.id}-hint`} />
          <p id={`note-${p.id}-hint`} className="hint">
            {t('review.noteHint')}
          </p>
        </div>
        <div className="button-row">
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void decide('approve')}>
            {t('review.approve')}
          </button>
          <button type="submit" className="btn btn-outline" disabled={busy || !note.trim()}>
            {t('review.return')}
          </button>
        </div>
      </form>
    </article>
  );
}
