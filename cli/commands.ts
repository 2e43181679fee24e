/**
 * Every analyst CLI subcommand by name. To add one (e.g. `aggregate`), write a `Command` in
 * its own module and add it here.
 */
import { aggregateCommand } from './aggregate_command.ts';
import type { Command } from './command.ts';
import { dsrCommand } from './dsr_command.ts';
import { funnelCommand } from './funnel_command.ts';
import { isrCommand } from './isr_command.ts';
import { lifeExpectancyCommand } from './life_expectancy_command.ts';
import { meanCommand } from './mean_command.ts';
import { proportionCommand } from './proportion_command.ts';
import { rateCommand } from './rate_command.ts';
import { siiCommand } from './sii_command.ts';

export const COMMANDS: Readonly<Record<string, Command>> = {
  sii: siiCommand,
  'life-expectancy': lifeExpectancyCommand,
  aggregate: aggregateCommand,
  proportion: proportionCommand,
  rate: rateCommand,
  dsr: dsrCommand,
  isr: isrCommand,
  mean: meanCommand,
  funnel: funnelCommand,
};
