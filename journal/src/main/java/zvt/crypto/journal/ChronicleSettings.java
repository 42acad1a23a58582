package zvt.crypto.journal;

/**
 * Chronicle system properties the journal relies on, set before any Chronicle class initialises: every journal type
 * that can be the first to touch Chronicle calls {@link #ensureApplied()} from its static initialiser.
 * <ul>
 *     <li>{@code chronicle.analytics.disable=true}: Chronicle's anonymous usage analytics would reach a remote host;
 *     production must never phone home. The build also excludes the {@code chronicle-analytics} artifact, so this
 *     is the second of two locks.</li>
 *     <li>{@code chronicle.announcer.disable=true}: no release-notes banner in the node's log.</li>
 * </ul>
 * A value the operator set explicitly is left alone.
 */
final class ChronicleSettings
{
    static final String ANALYTICS_DISABLE_PROP_NAME = "chronicle.analytics.disable";
    static final String ANNOUNCER_DISABLE_PROP_NAME = "chronicle.announcer.disable";

    static
    {
        setIfAbsent(ANALYTICS_DISABLE_PROP_NAME, "true");
        setIfAbsent(ANNOUNCER_DISABLE_PROP_NAME, "true");
    }

    private ChronicleSettings()
    {
    }

    /** Does nothing itself; calling it runs the static initialiser above exactly once. */
    static void ensureApplied()
    {
    }

    private static void setIfAbsent(final String name, final String value)
    {
        if (System.getProperty(name) == null)
        {
            System.setProperty(name, value);
        }
    }
}
