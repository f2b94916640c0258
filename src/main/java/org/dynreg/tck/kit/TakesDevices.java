package org.dynreg.tck.kit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares, on a step definition, what the step takes from the fixture's whitelist, so that a run can count
 * before its first scenario how many never-activated devices it needs (and say so if the fixture lists too few).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TakesDevices {

    /** Fresh whitelisted devices the step takes; each is registered at most once per run. */
    int fresh() default 0;

    /** Whether the step uses one of the run's {@link DevicePool#SHARED_REGISTERED} shared registered devices. */
    boolean shared() default false;
}
