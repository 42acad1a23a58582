package zvt.crypto.ops.load;

import java.util.Map;

/**
 * One run's outcome: the report (JSON-ready) and what decides whether the rate held.
 *
 * @param lostOrDuplicated  trades lost or duplicated anywhere that promises none (journal, database, subscribers).
 * @param dbLagGrowing      the database writer fell behind by seconds and further still over the window.
 * @param p99Nanos          p99 of the hop {@code --find-max} limits.
 * @param offeredShare      steps the simulators generated over those requested (below 1: they could not keep up).
 */
public record LoadResult(
    Map<String, Object> report,
    long lostOrDuplicated,
    boolean dbLagGrowing,
    long p99Nanos,
    double offeredShare)
{
}
