// Stand-in for Jenkins' @NonCPS (workflow-cps), so that steps marking pure helpers with it compile and run under
// plain Groovy. In Jenkins such a method runs as ordinary Groovy: it may not call pipeline steps.
package com.cloudbees.groovy.cps

import java.lang.annotation.ElementType
import java.lang.annotation.Retention
import java.lang.annotation.RetentionPolicy
import java.lang.annotation.Target

@Retention(RetentionPolicy.RUNTIME)
@Target([ElementType.METHOD, ElementType.CONSTRUCTOR])
@interface NonCPS {
}
