import { StarIcon } from './icons';

/**
 * Five stars to rate with. Clicking the star already set clears the rating, so there is no
 * separate "no rating" control to find.
 */
export function Stars({ rating, onRate, testIdPrefix, size = 16 }: { rating: number; onRate: (rating: number) => void; testIdPrefix: string; size?: number }) {
  return (
    <div className="stars" role="group" aria-label={`Rating: ${rating ? `${rating} of 5 stars` : 'none'}`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          className={`star${n <= rating ? ' is-filled' : ''}`}
          data-testid={`${testIdPrefix}${n}`}
          aria-pressed={n <= rating}
          aria-label={n === rating ? `Clear the rating (now ${n} ${n === 1 ? 'star' : 'stars'})` : `Rate ${n} ${n === 1 ? 'star' : 'stars'}`}
          title={n === rating ? 'Click again to clear' : `${n} ${n === 1 ? 'star' : 'stars'}`}
          onClick={() => onRate(n === rating ? 0 : n)}
        >
          <StarIcon size={size} />
        </button>
      ))}
    </div>
  );
}
