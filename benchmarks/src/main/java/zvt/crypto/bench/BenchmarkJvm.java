package zvt.crypto.bench;

/**
 * JVM flags every forked benchmark JVM needs: Agrona and Chronicle reach into JDK internals, and a JMH fork runs
 * from the classpath, so the runnable jar's manifest entries do not apply. Same list as the parent POM's
 * {@code jvm.module.args}.
 */
public final class BenchmarkJvm
{
    public static final String MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    public static final String REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    public static final String UTIL = "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED";
    public static final String NIO_CH = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    public static final String SUN_MISC = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
    public static final String LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    public static final String REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    public static final String IO = "--add-opens=java.base/java.io=ALL-UNNAMED";
    public static final String UTIL_OPEN = "--add-opens=java.base/java.util=ALL-UNNAMED";
    public static final String NIO = "--add-opens=java.base/java.nio=ALL-UNNAMED";
    public static final String NIO_CH_OPEN = "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED";
    public static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";

    private BenchmarkJvm()
    {
    }
}
