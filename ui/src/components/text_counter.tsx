// The live counter under the message text and the preview of the SMS as a phone shows it.
import { t } from '../i18n';
import { formatInt, formatMoneyMilli } from '../logic/format';
import type { SendCost } from '../logic/cost';
import type { TextAnalysis } from '../types';
import { errorText } from './common';

export function TextCounter(props: {
  id: string;
  analysis: TextAnalysis | null;
  recipients: number | null;
  cost: SendCost;
  error: unknown;
}) {
  const a = props.analysis;
  return (
    <p id={props.id} class="counter" aria-live="polite" data-testid="text-counter">
      {props.error ? (
        <span class="text-error">{errorText(props.error)}</span>
      ) : a ? (
        <>
          <span>{t('counter.characters', { n: formatInt(a.characters) })}</span>
          <span>{a.encoding === 'gsm7' ? t('counter.gsm7') : t('counter.ucs2')}</span>
          <span>{t('counter.segments', { n: formatInt(a.segments) })}</span>
          <span>
            {t('counter.total', {
              n: formatInt(props.cost.totalSegments),
              cost: formatMoneyMilli(props.cost.costMilli),
            })}
          </span>
        </>
      ) : (
        <span class="muted">{t('counter.empty')}</span>
      )}
    </p>
  );
}

export function PhonePreview({ analysis }: { analysis: TextAnalysis | null }) {
  return (
    <figure class="phone" aria-labelledby="phone-caption">
      <figcaption id="phone-caption">{t('compose.preview')}</figcaption>
      <div class="phone-screen" data-testid="phone-preview">
        {analysis ? (
          <p class="bubble">{analysis.text}</p>
        ) : (
          <p class="muted">{t('compose.previewEmpty')}</p>
        )}
      </div>
      {analysis && analysis.parts.length > 1 ? (
        <p class="hint">{t('compose.previewParts', { n: formatInt(analysis.parts.length) })}</p>
      ) : null}
    </figure>
  );
}
