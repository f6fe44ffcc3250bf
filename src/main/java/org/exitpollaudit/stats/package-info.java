/**
 * Pure statistics, no Spring: each class implements one published formula, states it in its Javadoc
 * with its reference, and has a test beside it whose expected values come from an independent source.
 * Distributions come from Apache Commons Statistics.
 * <p>
 * Arguments: each public method's Javadoc states what it accepts, and what it is given outside that is refused with
 * an {@link java.lang.IllegalArgumentException} naming the argument and its value ({@code Check}). Parameters (a
 * sample size, a design effect, a level, degrees of freedom) must be valid numbers. Data values (shares, statistics,
 * counts) may be NaN, the analysis's mark of an undefined figure, and give NaN; the edge cases the analysis reaches on
 * real input (an official share of 0, n = 0, a unit nobody answered in) give the results their Javadoc states
 * (±∞ or NaN, as the formula does) rather than an exception.
 */
package org.exitpollaudit.stats;
