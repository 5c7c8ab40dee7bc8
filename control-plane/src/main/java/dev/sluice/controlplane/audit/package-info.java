/** The audit log: who changed what and when, written in the transaction of each change. */
package dev.sluice.controlplane.audit;
