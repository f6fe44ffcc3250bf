/**
 * Pure statistics, no Spring: each class implements one published formula, states it in its Javadoc
 * with its reference, and has a test beside it whose expected values come from an independent source.
 * Distributions come from Apache Commons Statistics.
 */
package org.exitpollaudit.stats;
