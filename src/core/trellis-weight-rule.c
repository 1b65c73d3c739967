/* trellis-weight-rule.c: written by the goals-workflow engineer. */
