#!/usr/bin/env node
import { createRequire as __shiplogCreateRequire } from 'node:module';
const require = __shiplogCreateRequire(import.meta.url);
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const SHIPLOG_VERSION = "0.1.0";

function ignoreBrokenPipe(stream) {
  stream.on("error", (err) => {
    if (err.code !== "EPIPE") throw err;
  });
}
async function main(partial = {}) {
  if (!partial.stdout) ignoreBrokenPipe(process.stdout);
  if (!partial.stderr) ignoreBrokenPipe(process.stderr);
  const io = {
    argv: partial.argv ?? process.argv.slice(2),
    env: partial.env ?? process.env,
    cwd: partial.cwd ?? process.cwd(),
    stdout: partial.stdout ?? ((t) => void process.stdout.write(t)),
    stderr: partial.stderr ?? ((t) => void process.stderr.write(t)),
    executeOptions: partial.executeOptions
  };
  if (io.argv.length === 1 && (io.argv[0] === "--version" || io.argv[0] === "-V")) {
    io.stdout(`${SHIPLOG_VERSION}
`);
    return 0;
  }
  const { runCli } = await Promise.resolve().then(function () { return runCli$1; });
  return runCli(io);
}

main().then((code) => {
  process.exitCode = code;
});

let __lazyExports;
function __lazyLoad() {
  if (__lazyExports) return __lazyExports;
  const module = { exports: {} };
  const __filename = fileURLToPath(import.meta.url);
  (function (exports, module, require, __filename, __dirname) {

var require$$0 = require('node:events');
var childProcess = require('node:child_process');
var path = require('node:path');
var require$$3 = require('node:fs');
var process$2 = require('node:process');
var node_buffer = require('node:buffer');
var require$$0$3 = require('child_process');
var require$$0$2 = require('path');
var require$$0$1 = require('fs');
var node_url = require('node:url');
var os = require('node:os');
require('node:timers/promises');
var require$$0$4 = require('stream');
var node_util = require('node:util');
var promises = require('node:fs/promises');
var node_crypto = require('node:crypto');

var commonjsGlobal = typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : typeof global !== 'undefined' ? global : typeof self !== 'undefined' ? self : {};

function getDefaultExportFromCjs (x) {
	return x && x.__esModule && Object.prototype.hasOwnProperty.call(x, 'default') ? x['default'] : x;
}

var commander$1 = {};

var argument = {};

var error = {};

/**
 * CommanderError class
 */

var hasRequiredError;

function requireError () {
	if (hasRequiredError) return error;
	hasRequiredError = 1;
	class CommanderError extends Error {
	  /**
	   * Constructs the CommanderError class
	   * @param {number} exitCode suggested exit code which could be used with process.exit
	   * @param {string} code an id string representing the error
	   * @param {string} message human-readable description of the error
	   */
	  constructor(exitCode, code, message) {
	    super(message);
	    // properly capture stack trace in Node.js
	    Error.captureStackTrace(this, this.constructor);
	    this.name = this.constructor.name;
	    this.code = code;
	    this.exitCode = exitCode;
	    this.nestedError = undefined;
	  }
	}

	/**
	 * InvalidArgumentError class
	 */
	class InvalidArgumentError extends CommanderError {
	  /**
	   * Constructs the InvalidArgumentError class
	   * @param {string} [message] explanation of why argument is invalid
	   */
	  constructor(message) {
	    super(1, 'commander.invalidArgument', message);
	    // properly capture stack trace in Node.js
	    Error.captureStackTrace(this, this.constructor);
	    this.name = this.constructor.name;
	  }
	}

	error.CommanderError = CommanderError;
	error.InvalidArgumentError = InvalidArgumentError;
	return error;
}

var hasRequiredArgument;

function requireArgument () {
	if (hasRequiredArgument) return argument;
	hasRequiredArgument = 1;
	const { InvalidArgumentError } = requireError();

	class Argument {
	  /**
	   * Initialize a new command argument with the given name and description.
	   * The default is that the argument is required, and you can explicitly
	   * indicate this with <> around the name. Put [] around the name for an optional argument.
	   *
	   * @param {string} name
	   * @param {string} [description]
	   */

	  constructor(name, description) {
	    this.description = description || '';
	    this.variadic = false;
	    this.parseArg = undefined;
	    this.defaultValue = undefined;
	    this.defaultValueDescription = undefined;
	    this.argChoices = undefined;

	    switch (name[0]) {
	      case '<': // e.g. <required>
	        this.required = true;
	        this._name = name.slice(1, -1);
	        break;
	      case '[': // e.g. [optional]
	        this.required = false;
	        this._name = name.slice(1, -1);
	        break;
	      default:
	        this.required = true;
	        this._name = name;
	        break;
	    }

	    if (this._name.endsWith('...')) {
	      this.variadic = true;
	      this._name = this._name.slice(0, -3);
	    }
	  }

	  /**
	   * Return argument name.
	   *
	   * @return {string}
	   */

	  name() {
	    return this._name;
	  }

	  /**
	   * @package
	   */

	  _collectValue(value, previous) {
	    if (previous === this.defaultValue || !Array.isArray(previous)) {
	      return [value];
	    }

	    previous.push(value);
	    return previous;
	  }

	  /**
	   * Set the default value, and optionally supply the description to be displayed in the help.
	   *
	   * @param {*} value
	   * @param {string} [description]
	   * @return {Argument}
	   */

	  default(value, description) {
	    this.defaultValue = value;
	    this.defaultValueDescription = description;
	    return this;
	  }

	  /**
	   * Set the custom handler for processing CLI command arguments into argument values.
	   *
	   * @param {Function} [fn]
	   * @return {Argument}
	   */

	  argParser(fn) {
	    this.parseArg = fn;
	    return this;
	  }

	  /**
	   * Only allow argument value to be one of choices.
	   *
	   * @param {string[]} values
	   * @return {Argument}
	   */

	  choices(values) {
	    this.argChoices = values.slice();
	    this.parseArg = (arg, previous) => {
	      if (!this.argChoices.includes(arg)) {
	        throw new InvalidArgumentError(
	          `Allowed choices are ${this.argChoices.join(', ')}.`,
	        );
	      }
	      if (this.variadic) {
	        return this._collectValue(arg, previous);
	      }
	      return arg;
	    };
	    return this;
	  }

	  /**
	   * Make argument required.
	   *
	   * @returns {Argument}
	   */
	  argRequired() {
	    this.required = true;
	    return this;
	  }

	  /**
	   * Make argument optional.
	   *
	   * @returns {Argument}
	   */
	  argOptional() {
	    this.required = false;
	    return this;
	  }
	}

	/**
	 * Takes an argument and returns its human readable equivalent for help usage.
	 *
	 * @param {Argument} arg
	 * @return {string}
	 * @private
	 */

	function humanReadableArgName(arg) {
	  const nameOutput = arg.name() + (arg.variadic === true ? '...' : '');

	  return arg.required ? '<' + nameOutput + '>' : '[' + nameOutput + ']';
	}

	argument.Argument = Argument;
	argument.humanReadableArgName = humanReadableArgName;
	return argument;
}

var command = {};

var help = {};

var hasRequiredHelp;

function requireHelp () {
	if (hasRequiredHelp) return help;
	hasRequiredHelp = 1;
	const { humanReadableArgName } = requireArgument();

	/**
	 * TypeScript import types for JSDoc, used by Visual Studio Code IntelliSense and `npm run typescript-checkJS`
	 * https://www.typescriptlang.org/docs/handbook/jsdoc-supported-types.html#import-types
	 * @typedef { import("./argument.js").Argument } Argument
	 * @typedef { import("./command.js").Command } Command
	 * @typedef { import("./option.js").Option } Option
	 */

	// Although this is a class, methods are static in style to allow override using subclass or just functions.
	class Help {
	  constructor() {
	    this.helpWidth = undefined;
	    this.minWidthToWrap = 40;
	    this.sortSubcommands = false;
	    this.sortOptions = false;
	    this.showGlobalOptions = false;
	  }

	  /**
	   * prepareContext is called by Commander after applying overrides from `Command.configureHelp()`
	   * and just before calling `formatHelp()`.
	   *
	   * Commander just uses the helpWidth and the rest is provided for optional use by more complex subclasses.
	   *
	   * @param {{ error?: boolean, helpWidth?: number, outputHasColors?: boolean }} contextOptions
	   */
	  prepareContext(contextOptions) {
	    this.helpWidth = this.helpWidth ?? contextOptions.helpWidth ?? 80;
	  }

	  /**
	   * Get an array of the visible subcommands. Includes a placeholder for the implicit help command, if there is one.
	   *
	   * @param {Command} cmd
	   * @returns {Command[]}
	   */

	  visibleCommands(cmd) {
	    const visibleCommands = cmd.commands.filter((cmd) => !cmd._hidden);
	    const helpCommand = cmd._getHelpCommand();
	    if (helpCommand && !helpCommand._hidden) {
	      visibleCommands.push(helpCommand);
	    }
	    if (this.sortSubcommands) {
	      visibleCommands.sort((a, b) => {
	        // @ts-ignore: because overloaded return type
	        return a.name().localeCompare(b.name());
	      });
	    }
	    return visibleCommands;
	  }

	  /**
	   * Compare options for sort.
	   *
	   * @param {Option} a
	   * @param {Option} b
	   * @returns {number}
	   */
	  compareOptions(a, b) {
	    const getSortKey = (option) => {
	      // WYSIWYG for order displayed in help. Short used for comparison if present. No special handling for negated.
	      return option.short
	        ? option.short.replace(/^-/, '')
	        : option.long.replace(/^--/, '');
	    };
	    return getSortKey(a).localeCompare(getSortKey(b));
	  }

	  /**
	   * Get an array of the visible options. Includes a placeholder for the implicit help option, if there is one.
	   *
	   * @param {Command} cmd
	   * @returns {Option[]}
	   */

	  visibleOptions(cmd) {
	    const visibleOptions = cmd.options.filter((option) => !option.hidden);
	    // Built-in help option.
	    const helpOption = cmd._getHelpOption();
	    if (helpOption && !helpOption.hidden) {
	      // Automatically hide conflicting flags. Bit dubious but a historical behaviour that is convenient for single-command programs.
	      const removeShort = helpOption.short && cmd._findOption(helpOption.short);
	      const removeLong = helpOption.long && cmd._findOption(helpOption.long);
	      if (!removeShort && !removeLong) {
	        visibleOptions.push(helpOption); // no changes needed
	      } else if (helpOption.long && !removeLong) {
	        visibleOptions.push(
	          cmd.createOption(helpOption.long, helpOption.description),
	        );
	      } else if (helpOption.short && !removeShort) {
	        visibleOptions.push(
	          cmd.createOption(helpOption.short, helpOption.description),
	        );
	      }
	    }
	    if (this.sortOptions) {
	      visibleOptions.sort(this.compareOptions);
	    }
	    return visibleOptions;
	  }

	  /**
	   * Get an array of the visible global options. (Not including help.)
	   *
	   * @param {Command} cmd
	   * @returns {Option[]}
	   */

	  visibleGlobalOptions(cmd) {
	    if (!this.showGlobalOptions) return [];

	    const globalOptions = [];
	    for (
	      let ancestorCmd = cmd.parent;
	      ancestorCmd;
	      ancestorCmd = ancestorCmd.parent
	    ) {
	      const visibleOptions = ancestorCmd.options.filter(
	        (option) => !option.hidden,
	      );
	      globalOptions.push(...visibleOptions);
	    }
	    if (this.sortOptions) {
	      globalOptions.sort(this.compareOptions);
	    }
	    return globalOptions;
	  }

	  /**
	   * Get an array of the arguments if any have a description.
	   *
	   * @param {Command} cmd
	   * @returns {Argument[]}
	   */

	  visibleArguments(cmd) {
	    // Side effect! Apply the legacy descriptions before the arguments are displayed.
	    if (cmd._argsDescription) {
	      cmd.registeredArguments.forEach((argument) => {
	        argument.description =
	          argument.description || cmd._argsDescription[argument.name()] || '';
	      });
	    }

	    // If there are any arguments with a description then return all the arguments.
	    if (cmd.registeredArguments.find((argument) => argument.description)) {
	      return cmd.registeredArguments;
	    }
	    return [];
	  }

	  /**
	   * Get the command term to show in the list of subcommands.
	   *
	   * @param {Command} cmd
	   * @returns {string}
	   */

	  subcommandTerm(cmd) {
	    // Legacy. Ignores custom usage string, and nested commands.
	    const args = cmd.registeredArguments
	      .map((arg) => humanReadableArgName(arg))
	      .join(' ');
	    return (
	      cmd._name +
	      (cmd._aliases[0] ? '|' + cmd._aliases[0] : '') +
	      (cmd.options.length ? ' [options]' : '') + // simplistic check for non-help option
	      (args ? ' ' + args : '')
	    );
	  }

	  /**
	   * Get the option term to show in the list of options.
	   *
	   * @param {Option} option
	   * @returns {string}
	   */

	  optionTerm(option) {
	    return option.flags;
	  }

	  /**
	   * Get the argument term to show in the list of arguments.
	   *
	   * @param {Argument} argument
	   * @returns {string}
	   */

	  argumentTerm(argument) {
	    return argument.name();
	  }

	  /**
	   * Get the longest command term length.
	   *
	   * @param {Command} cmd
	   * @param {Help} helper
	   * @returns {number}
	   */

	  longestSubcommandTermLength(cmd, helper) {
	    return helper.visibleCommands(cmd).reduce((max, command) => {
	      return Math.max(
	        max,
	        this.displayWidth(
	          helper.styleSubcommandTerm(helper.subcommandTerm(command)),
	        ),
	      );
	    }, 0);
	  }

	  /**
	   * Get the longest option term length.
	   *
	   * @param {Command} cmd
	   * @param {Help} helper
	   * @returns {number}
	   */

	  longestOptionTermLength(cmd, helper) {
	    return helper.visibleOptions(cmd).reduce((max, option) => {
	      return Math.max(
	        max,
	        this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option))),
	      );
	    }, 0);
	  }

	  /**
	   * Get the longest global option term length.
	   *
	   * @param {Command} cmd
	   * @param {Help} helper
	   * @returns {number}
	   */

	  longestGlobalOptionTermLength(cmd, helper) {
	    return helper.visibleGlobalOptions(cmd).reduce((max, option) => {
	      return Math.max(
	        max,
	        this.displayWidth(helper.styleOptionTerm(helper.optionTerm(option))),
	      );
	    }, 0);
	  }

	  /**
	   * Get the longest argument term length.
	   *
	   * @param {Command} cmd
	   * @param {Help} helper
	   * @returns {number}
	   */

	  longestArgumentTermLength(cmd, helper) {
	    return helper.visibleArguments(cmd).reduce((max, argument) => {
	      return Math.max(
	        max,
	        this.displayWidth(
	          helper.styleArgumentTerm(helper.argumentTerm(argument)),
	        ),
	      );
	    }, 0);
	  }

	  /**
	   * Get the command usage to be displayed at the top of the built-in help.
	   *
	   * @param {Command} cmd
	   * @returns {string}
	   */

	  commandUsage(cmd) {
	    // Usage
	    let cmdName = cmd._name;
	    if (cmd._aliases[0]) {
	      cmdName = cmdName + '|' + cmd._aliases[0];
	    }
	    let ancestorCmdNames = '';
	    for (
	      let ancestorCmd = cmd.parent;
	      ancestorCmd;
	      ancestorCmd = ancestorCmd.parent
	    ) {
	      ancestorCmdNames = ancestorCmd.name() + ' ' + ancestorCmdNames;
	    }
	    return ancestorCmdNames + cmdName + ' ' + cmd.usage();
	  }

	  /**
	   * Get the description for the command.
	   *
	   * @param {Command} cmd
	   * @returns {string}
	   */

	  commandDescription(cmd) {
	    // @ts-ignore: because overloaded return type
	    return cmd.description();
	  }

	  /**
	   * Get the subcommand summary to show in the list of subcommands.
	   * (Fallback to description for backwards compatibility.)
	   *
	   * @param {Command} cmd
	   * @returns {string}
	   */

	  subcommandDescription(cmd) {
	    // @ts-ignore: because overloaded return type
	    return cmd.summary() || cmd.description();
	  }

	  /**
	   * Get the option description to show in the list of options.
	   *
	   * @param {Option} option
	   * @return {string}
	   */

	  optionDescription(option) {
	    const extraInfo = [];

	    if (option.argChoices) {
	      extraInfo.push(
	        // use stringify to match the display of the default value
	        `choices: ${option.argChoices.map((choice) => JSON.stringify(choice)).join(', ')}`,
	      );
	    }
	    if (option.defaultValue !== undefined) {
	      // default for boolean and negated more for programmer than end user,
	      // but show true/false for boolean option as may be for hand-rolled env or config processing.
	      const showDefault =
	        option.required ||
	        option.optional ||
	        (option.isBoolean() && typeof option.defaultValue === 'boolean');
	      if (showDefault) {
	        extraInfo.push(
	          `default: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`,
	        );
	      }
	    }
	    // preset for boolean and negated are more for programmer than end user
	    if (option.presetArg !== undefined && option.optional) {
	      extraInfo.push(`preset: ${JSON.stringify(option.presetArg)}`);
	    }
	    if (option.envVar !== undefined) {
	      extraInfo.push(`env: ${option.envVar}`);
	    }
	    if (extraInfo.length > 0) {
	      const extraDescription = `(${extraInfo.join(', ')})`;
	      if (option.description) {
	        return `${option.description} ${extraDescription}`;
	      }
	      return extraDescription;
	    }

	    return option.description;
	  }

	  /**
	   * Get the argument description to show in the list of arguments.
	   *
	   * @param {Argument} argument
	   * @return {string}
	   */

	  argumentDescription(argument) {
	    const extraInfo = [];
	    if (argument.argChoices) {
	      extraInfo.push(
	        // use stringify to match the display of the default value
	        `choices: ${argument.argChoices.map((choice) => JSON.stringify(choice)).join(', ')}`,
	      );
	    }
	    if (argument.defaultValue !== undefined) {
	      extraInfo.push(
	        `default: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`,
	      );
	    }
	    if (extraInfo.length > 0) {
	      const extraDescription = `(${extraInfo.join(', ')})`;
	      if (argument.description) {
	        return `${argument.description} ${extraDescription}`;
	      }
	      return extraDescription;
	    }
	    return argument.description;
	  }

	  /**
	   * Format a list of items, given a heading and an array of formatted items.
	   *
	   * @param {string} heading
	   * @param {string[]} items
	   * @param {Help} helper
	   * @returns string[]
	   */
	  formatItemList(heading, items, helper) {
	    if (items.length === 0) return [];

	    return [helper.styleTitle(heading), ...items, ''];
	  }

	  /**
	   * Group items by their help group heading.
	   *
	   * @param {Command[] | Option[]} unsortedItems
	   * @param {Command[] | Option[]} visibleItems
	   * @param {Function} getGroup
	   * @returns {Map<string, Command[] | Option[]>}
	   */
	  groupItems(unsortedItems, visibleItems, getGroup) {
	    const result = new Map();
	    // Add groups in order of appearance in unsortedItems.
	    unsortedItems.forEach((item) => {
	      const group = getGroup(item);
	      if (!result.has(group)) result.set(group, []);
	    });
	    // Add items in order of appearance in visibleItems.
	    visibleItems.forEach((item) => {
	      const group = getGroup(item);
	      if (!result.has(group)) {
	        result.set(group, []);
	      }
	      result.get(group).push(item);
	    });
	    return result;
	  }

	  /**
	   * Generate the built-in help text.
	   *
	   * @param {Command} cmd
	   * @param {Help} helper
	   * @returns {string}
	   */

	  formatHelp(cmd, helper) {
	    const termWidth = helper.padWidth(cmd, helper);
	    const helpWidth = helper.helpWidth ?? 80; // in case prepareContext() was not called

	    function callFormatItem(term, description) {
	      return helper.formatItem(term, termWidth, description, helper);
	    }

	    // Usage
	    let output = [
	      `${helper.styleTitle('Usage:')} ${helper.styleUsage(helper.commandUsage(cmd))}`,
	      '',
	    ];

	    // Description
	    const commandDescription = helper.commandDescription(cmd);
	    if (commandDescription.length > 0) {
	      output = output.concat([
	        helper.boxWrap(
	          helper.styleCommandDescription(commandDescription),
	          helpWidth,
	        ),
	        '',
	      ]);
	    }

	    // Arguments
	    const argumentList = helper.visibleArguments(cmd).map((argument) => {
	      return callFormatItem(
	        helper.styleArgumentTerm(helper.argumentTerm(argument)),
	        helper.styleArgumentDescription(helper.argumentDescription(argument)),
	      );
	    });
	    output = output.concat(
	      this.formatItemList('Arguments:', argumentList, helper),
	    );

	    // Options
	    const optionGroups = this.groupItems(
	      cmd.options,
	      helper.visibleOptions(cmd),
	      (option) => option.helpGroupHeading ?? 'Options:',
	    );
	    optionGroups.forEach((options, group) => {
	      const optionList = options.map((option) => {
	        return callFormatItem(
	          helper.styleOptionTerm(helper.optionTerm(option)),
	          helper.styleOptionDescription(helper.optionDescription(option)),
	        );
	      });
	      output = output.concat(this.formatItemList(group, optionList, helper));
	    });

	    if (helper.showGlobalOptions) {
	      const globalOptionList = helper
	        .visibleGlobalOptions(cmd)
	        .map((option) => {
	          return callFormatItem(
	            helper.styleOptionTerm(helper.optionTerm(option)),
	            helper.styleOptionDescription(helper.optionDescription(option)),
	          );
	        });
	      output = output.concat(
	        this.formatItemList('Global Options:', globalOptionList, helper),
	      );
	    }

	    // Commands
	    const commandGroups = this.groupItems(
	      cmd.commands,
	      helper.visibleCommands(cmd),
	      (sub) => sub.helpGroup() || 'Commands:',
	    );
	    commandGroups.forEach((commands, group) => {
	      const commandList = commands.map((sub) => {
	        return callFormatItem(
	          helper.styleSubcommandTerm(helper.subcommandTerm(sub)),
	          helper.styleSubcommandDescription(helper.subcommandDescription(sub)),
	        );
	      });
	      output = output.concat(this.formatItemList(group, commandList, helper));
	    });

	    return output.join('\n');
	  }

	  /**
	   * Return display width of string, ignoring ANSI escape sequences. Used in padding and wrapping calculations.
	   *
	   * @param {string} str
	   * @returns {number}
	   */
	  displayWidth(str) {
	    return stripColor(str).length;
	  }

	  /**
	   * Style the title for displaying in the help. Called with 'Usage:', 'Options:', etc.
	   *
	   * @param {string} str
	   * @returns {string}
	   */
	  styleTitle(str) {
	    return str;
	  }

	  styleUsage(str) {
	    // Usage has lots of parts the user might like to color separately! Assume default usage string which is formed like:
	    //    command subcommand [options] [command] <foo> [bar]
	    return str
	      .split(' ')
	      .map((word) => {
	        if (word === '[options]') return this.styleOptionText(word);
	        if (word === '[command]') return this.styleSubcommandText(word);
	        if (word[0] === '[' || word[0] === '<')
	          return this.styleArgumentText(word);
	        return this.styleCommandText(word); // Restrict to initial words?
	      })
	      .join(' ');
	  }
	  styleCommandDescription(str) {
	    return this.styleDescriptionText(str);
	  }
	  styleOptionDescription(str) {
	    return this.styleDescriptionText(str);
	  }
	  styleSubcommandDescription(str) {
	    return this.styleDescriptionText(str);
	  }
	  styleArgumentDescription(str) {
	    return this.styleDescriptionText(str);
	  }
	  styleDescriptionText(str) {
	    return str;
	  }
	  styleOptionTerm(str) {
	    return this.styleOptionText(str);
	  }
	  styleSubcommandTerm(str) {
	    // This is very like usage with lots of parts! Assume default string which is formed like:
	    //    subcommand [options] <foo> [bar]
	    return str
	      .split(' ')
	      .map((word) => {
	        if (word === '[options]') return this.styleOptionText(word);
	        if (word[0] === '[' || word[0] === '<')
	          return this.styleArgumentText(word);
	        return this.styleSubcommandText(word); // Restrict to initial words?
	      })
	      .join(' ');
	  }
	  styleArgumentTerm(str) {
	    return this.styleArgumentText(str);
	  }
	  styleOptionText(str) {
	    return str;
	  }
	  styleArgumentText(str) {
	    return str;
	  }
	  styleSubcommandText(str) {
	    return str;
	  }
	  styleCommandText(str) {
	    return str;
	  }

	  /**
	   * Calculate the pad width from the maximum term length.
	   *
	   * @param {Command} cmd
	   * @param {Help} helper
	   * @returns {number}
	   */

	  padWidth(cmd, helper) {
	    return Math.max(
	      helper.longestOptionTermLength(cmd, helper),
	      helper.longestGlobalOptionTermLength(cmd, helper),
	      helper.longestSubcommandTermLength(cmd, helper),
	      helper.longestArgumentTermLength(cmd, helper),
	    );
	  }

	  /**
	   * Detect manually wrapped and indented strings by checking for line break followed by whitespace.
	   *
	   * @param {string} str
	   * @returns {boolean}
	   */
	  preformatted(str) {
	    return /\n[^\S\r\n]/.test(str);
	  }

	  /**
	   * Format the "item", which consists of a term and description. Pad the term and wrap the description, indenting the following lines.
	   *
	   * So "TTT", 5, "DDD DDDD DD DDD" might be formatted for this.helpWidth=17 like so:
	   *   TTT  DDD DDDD
	   *        DD DDD
	   *
	   * @param {string} term
	   * @param {number} termWidth
	   * @param {string} description
	   * @param {Help} helper
	   * @returns {string}
	   */
	  formatItem(term, termWidth, description, helper) {
	    const itemIndent = 2;
	    const itemIndentStr = ' '.repeat(itemIndent);
	    if (!description) return itemIndentStr + term;

	    // Pad the term out to a consistent width, so descriptions are aligned.
	    const paddedTerm = term.padEnd(
	      termWidth + term.length - helper.displayWidth(term),
	    );

	    // Format the description.
	    const spacerWidth = 2; // between term and description
	    const helpWidth = this.helpWidth ?? 80; // in case prepareContext() was not called
	    const remainingWidth = helpWidth - termWidth - spacerWidth - itemIndent;
	    let formattedDescription;
	    if (
	      remainingWidth < this.minWidthToWrap ||
	      helper.preformatted(description)
	    ) {
	      formattedDescription = description;
	    } else {
	      const wrappedDescription = helper.boxWrap(description, remainingWidth);
	      formattedDescription = wrappedDescription.replace(
	        /\n/g,
	        '\n' + ' '.repeat(termWidth + spacerWidth),
	      );
	    }

	    // Construct and overall indent.
	    return (
	      itemIndentStr +
	      paddedTerm +
	      ' '.repeat(spacerWidth) +
	      formattedDescription.replace(/\n/g, `\n${itemIndentStr}`)
	    );
	  }

	  /**
	   * Wrap a string at whitespace, preserving existing line breaks.
	   * Wrapping is skipped if the width is less than `minWidthToWrap`.
	   *
	   * @param {string} str
	   * @param {number} width
	   * @returns {string}
	   */
	  boxWrap(str, width) {
	    if (width < this.minWidthToWrap) return str;

	    const rawLines = str.split(/\r\n|\n/);
	    // split up text by whitespace
	    const chunkPattern = /[\s]*[^\s]+/g;
	    const wrappedLines = [];
	    rawLines.forEach((line) => {
	      const chunks = line.match(chunkPattern);
	      if (chunks === null) {
	        wrappedLines.push('');
	        return;
	      }

	      let sumChunks = [chunks.shift()];
	      let sumWidth = this.displayWidth(sumChunks[0]);
	      chunks.forEach((chunk) => {
	        const visibleWidth = this.displayWidth(chunk);
	        // Accumulate chunks while they fit into width.
	        if (sumWidth + visibleWidth <= width) {
	          sumChunks.push(chunk);
	          sumWidth += visibleWidth;
	          return;
	        }
	        wrappedLines.push(sumChunks.join(''));

	        const nextChunk = chunk.trimStart(); // trim space at line break
	        sumChunks = [nextChunk];
	        sumWidth = this.displayWidth(nextChunk);
	      });
	      wrappedLines.push(sumChunks.join(''));
	    });

	    return wrappedLines.join('\n');
	  }
	}

	/**
	 * Strip style ANSI escape sequences from the string. In particular, SGR (Select Graphic Rendition) codes.
	 *
	 * @param {string} str
	 * @returns {string}
	 * @package
	 */

	function stripColor(str) {
	  // eslint-disable-next-line no-control-regex
	  const sgrPattern = /\x1b\[\d*(;\d*)*m/g;
	  return str.replace(sgrPattern, '');
	}

	help.Help = Help;
	help.stripColor = stripColor;
	return help;
}

var option = {};

var hasRequiredOption;

function requireOption () {
	if (hasRequiredOption) return option;
	hasRequiredOption = 1;
	const { InvalidArgumentError } = requireError();

	class Option {
	  /**
	   * Initialize a new `Option` with the given `flags` and `description`.
	   *
	   * @param {string} flags
	   * @param {string} [description]
	   */

	  constructor(flags, description) {
	    this.flags = flags;
	    this.description = description || '';

	    this.required = flags.includes('<'); // A value must be supplied when the option is specified.
	    this.optional = flags.includes('['); // A value is optional when the option is specified.
	    // variadic test ignores <value,...> et al which might be used to describe custom splitting of single argument
	    this.variadic = /\w\.\.\.[>\]]$/.test(flags); // The option can take multiple values.
	    this.mandatory = false; // The option must have a value after parsing, which usually means it must be specified on command line.
	    const optionFlags = splitOptionFlags(flags);
	    this.short = optionFlags.shortFlag; // May be a short flag, undefined, or even a long flag (if option has two long flags).
	    this.long = optionFlags.longFlag;
	    this.negate = false;
	    if (this.long) {
	      this.negate = this.long.startsWith('--no-');
	    }
	    this.defaultValue = undefined;
	    this.defaultValueDescription = undefined;
	    this.presetArg = undefined;
	    this.envVar = undefined;
	    this.parseArg = undefined;
	    this.hidden = false;
	    this.argChoices = undefined;
	    this.conflictsWith = [];
	    this.implied = undefined;
	    this.helpGroupHeading = undefined; // soft initialised when option added to command
	  }

	  /**
	   * Set the default value, and optionally supply the description to be displayed in the help.
	   *
	   * @param {*} value
	   * @param {string} [description]
	   * @return {Option}
	   */

	  default(value, description) {
	    this.defaultValue = value;
	    this.defaultValueDescription = description;
	    return this;
	  }

	  /**
	   * Preset to use when option used without option-argument, especially optional but also boolean and negated.
	   * The custom processing (parseArg) is called.
	   *
	   * @example
	   * new Option('--color').default('GREYSCALE').preset('RGB');
	   * new Option('--donate [amount]').preset('20').argParser(parseFloat);
	   *
	   * @param {*} arg
	   * @return {Option}
	   */

	  preset(arg) {
	    this.presetArg = arg;
	    return this;
	  }

	  /**
	   * Add option name(s) that conflict with this option.
	   * An error will be displayed if conflicting options are found during parsing.
	   *
	   * @example
	   * new Option('--rgb').conflicts('cmyk');
	   * new Option('--js').conflicts(['ts', 'jsx']);
	   *
	   * @param {(string | string[])} names
	   * @return {Option}
	   */

	  conflicts(names) {
	    this.conflictsWith = this.conflictsWith.concat(names);
	    return this;
	  }

	  /**
	   * Specify implied option values for when this option is set and the implied options are not.
	   *
	   * The custom processing (parseArg) is not called on the implied values.
	   *
	   * @example
	   * program
	   *   .addOption(new Option('--log', 'write logging information to file'))
	   *   .addOption(new Option('--trace', 'log extra details').implies({ log: 'trace.txt' }));
	   *
	   * @param {object} impliedOptionValues
	   * @return {Option}
	   */
	  implies(impliedOptionValues) {
	    let newImplied = impliedOptionValues;
	    if (typeof impliedOptionValues === 'string') {
	      // string is not documented, but easy mistake and we can do what user probably intended.
	      newImplied = { [impliedOptionValues]: true };
	    }
	    this.implied = Object.assign(this.implied || {}, newImplied);
	    return this;
	  }

	  /**
	   * Set environment variable to check for option value.
	   *
	   * An environment variable is only used if when processed the current option value is
	   * undefined, or the source of the current value is 'default' or 'config' or 'env'.
	   *
	   * @param {string} name
	   * @return {Option}
	   */

	  env(name) {
	    this.envVar = name;
	    return this;
	  }

	  /**
	   * Set the custom handler for processing CLI option arguments into option values.
	   *
	   * @param {Function} [fn]
	   * @return {Option}
	   */

	  argParser(fn) {
	    this.parseArg = fn;
	    return this;
	  }

	  /**
	   * Whether the option is mandatory and must have a value after parsing.
	   *
	   * @param {boolean} [mandatory=true]
	   * @return {Option}
	   */

	  makeOptionMandatory(mandatory = true) {
	    this.mandatory = !!mandatory;
	    return this;
	  }

	  /**
	   * Hide option in help.
	   *
	   * @param {boolean} [hide=true]
	   * @return {Option}
	   */

	  hideHelp(hide = true) {
	    this.hidden = !!hide;
	    return this;
	  }

	  /**
	   * @package
	   */

	  _collectValue(value, previous) {
	    if (previous === this.defaultValue || !Array.isArray(previous)) {
	      return [value];
	    }

	    previous.push(value);
	    return previous;
	  }

	  /**
	   * Only allow option value to be one of choices.
	   *
	   * @param {string[]} values
	   * @return {Option}
	   */

	  choices(values) {
	    this.argChoices = values.slice();
	    this.parseArg = (arg, previous) => {
	      if (!this.argChoices.includes(arg)) {
	        throw new InvalidArgumentError(
	          `Allowed choices are ${this.argChoices.join(', ')}.`,
	        );
	      }
	      if (this.variadic) {
	        return this._collectValue(arg, previous);
	      }
	      return arg;
	    };
	    return this;
	  }

	  /**
	   * Return option name.
	   *
	   * @return {string}
	   */

	  name() {
	    if (this.long) {
	      return this.long.replace(/^--/, '');
	    }
	    return this.short.replace(/^-/, '');
	  }

	  /**
	   * Return option name, in a camelcase format that can be used
	   * as an object attribute key.
	   *
	   * @return {string}
	   */

	  attributeName() {
	    if (this.negate) {
	      return camelcase(this.name().replace(/^no-/, ''));
	    }
	    return camelcase(this.name());
	  }

	  /**
	   * Set the help group heading.
	   *
	   * @param {string} heading
	   * @return {Option}
	   */
	  helpGroup(heading) {
	    this.helpGroupHeading = heading;
	    return this;
	  }

	  /**
	   * Check if `arg` matches the short or long flag.
	   *
	   * @param {string} arg
	   * @return {boolean}
	   * @package
	   */

	  is(arg) {
	    return this.short === arg || this.long === arg;
	  }

	  /**
	   * Return whether a boolean option.
	   *
	   * Options are one of boolean, negated, required argument, or optional argument.
	   *
	   * @return {boolean}
	   * @package
	   */

	  isBoolean() {
	    return !this.required && !this.optional && !this.negate;
	  }
	}

	/**
	 * This class is to make it easier to work with dual options, without changing the existing
	 * implementation. We support separate dual options for separate positive and negative options,
	 * like `--build` and `--no-build`, which share a single option value. This works nicely for some
	 * use cases, but is tricky for others where we want separate behaviours despite
	 * the single shared option value.
	 */
	class DualOptions {
	  /**
	   * @param {Option[]} options
	   */
	  constructor(options) {
	    this.positiveOptions = new Map();
	    this.negativeOptions = new Map();
	    this.dualOptions = new Set();
	    options.forEach((option) => {
	      if (option.negate) {
	        this.negativeOptions.set(option.attributeName(), option);
	      } else {
	        this.positiveOptions.set(option.attributeName(), option);
	      }
	    });
	    this.negativeOptions.forEach((value, key) => {
	      if (this.positiveOptions.has(key)) {
	        this.dualOptions.add(key);
	      }
	    });
	  }

	  /**
	   * Did the value come from the option, and not from possible matching dual option?
	   *
	   * @param {*} value
	   * @param {Option} option
	   * @returns {boolean}
	   */
	  valueFromOption(value, option) {
	    const optionKey = option.attributeName();
	    if (!this.dualOptions.has(optionKey)) return true;

	    // Use the value to deduce if (probably) came from the option.
	    const preset = this.negativeOptions.get(optionKey).presetArg;
	    const negativeValue = preset !== undefined ? preset : false;
	    return option.negate === (negativeValue === value);
	  }
	}

	/**
	 * Convert string from kebab-case to camelCase.
	 *
	 * @param {string} str
	 * @return {string}
	 * @private
	 */

	function camelcase(str) {
	  return str.split('-').reduce((str, word) => {
	    return str + word[0].toUpperCase() + word.slice(1);
	  });
	}

	/**
	 * Split the short and long flag out of something like '-m,--mixed <value>'
	 *
	 * @private
	 */

	function splitOptionFlags(flags) {
	  let shortFlag;
	  let longFlag;
	  // short flag, single dash and single character
	  const shortFlagExp = /^-[^-]$/;
	  // long flag, double dash and at least one character
	  const longFlagExp = /^--[^-]/;

	  const flagParts = flags.split(/[ |,]+/).concat('guard');
	  // Normal is short and/or long.
	  if (shortFlagExp.test(flagParts[0])) shortFlag = flagParts.shift();
	  if (longFlagExp.test(flagParts[0])) longFlag = flagParts.shift();
	  // Long then short. Rarely used but fine.
	  if (!shortFlag && shortFlagExp.test(flagParts[0]))
	    shortFlag = flagParts.shift();
	  // Allow two long flags, like '--ws, --workspace'
	  // This is the supported way to have a shortish option flag.
	  if (!shortFlag && longFlagExp.test(flagParts[0])) {
	    shortFlag = longFlag;
	    longFlag = flagParts.shift();
	  }

	  // Check for unprocessed flag. Fail noisily rather than silently ignore.
	  if (flagParts[0].startsWith('-')) {
	    const unsupportedFlag = flagParts[0];
	    const baseError = `option creation failed due to '${unsupportedFlag}' in option flags '${flags}'`;
	    if (/^-[^-][^-]/.test(unsupportedFlag))
	      throw new Error(
	        `${baseError}
- a short flag is a single dash and a single character
  - either use a single dash and a single character (for a short flag)
  - or use a double dash for a long option (and can have two, like '--ws, --workspace')`,
	      );
	    if (shortFlagExp.test(unsupportedFlag))
	      throw new Error(`${baseError}
- too many short flags`);
	    if (longFlagExp.test(unsupportedFlag))
	      throw new Error(`${baseError}
- too many long flags`);

	    throw new Error(`${baseError}
- unrecognised flag format`);
	  }
	  if (shortFlag === undefined && longFlag === undefined)
	    throw new Error(
	      `option creation failed due to no flags found in '${flags}'.`,
	    );

	  return { shortFlag, longFlag };
	}

	option.Option = Option;
	option.DualOptions = DualOptions;
	return option;
}

var suggestSimilar = {};

var hasRequiredSuggestSimilar;

function requireSuggestSimilar () {
	if (hasRequiredSuggestSimilar) return suggestSimilar;
	hasRequiredSuggestSimilar = 1;
	const maxDistance = 3;

	function editDistance(a, b) {
	  // https://en.wikipedia.org/wiki/Damerau–Levenshtein_distance
	  // Calculating optimal string alignment distance, no substring is edited more than once.
	  // (Simple implementation.)

	  // Quick early exit, return worst case.
	  if (Math.abs(a.length - b.length) > maxDistance)
	    return Math.max(a.length, b.length);

	  // distance between prefix substrings of a and b
	  const d = [];

	  // pure deletions turn a into empty string
	  for (let i = 0; i <= a.length; i++) {
	    d[i] = [i];
	  }
	  // pure insertions turn empty string into b
	  for (let j = 0; j <= b.length; j++) {
	    d[0][j] = j;
	  }

	  // fill matrix
	  for (let j = 1; j <= b.length; j++) {
	    for (let i = 1; i <= a.length; i++) {
	      let cost = 1;
	      if (a[i - 1] === b[j - 1]) {
	        cost = 0;
	      } else {
	        cost = 1;
	      }
	      d[i][j] = Math.min(
	        d[i - 1][j] + 1, // deletion
	        d[i][j - 1] + 1, // insertion
	        d[i - 1][j - 1] + cost, // substitution
	      );
	      // transposition
	      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
	        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
	      }
	    }
	  }

	  return d[a.length][b.length];
	}

	/**
	 * Find close matches, restricted to same number of edits.
	 *
	 * @param {string} word
	 * @param {string[]} candidates
	 * @returns {string}
	 */

	function suggestSimilar$1(word, candidates) {
	  if (!candidates || candidates.length === 0) return '';
	  // remove possible duplicates
	  candidates = Array.from(new Set(candidates));

	  const searchingOptions = word.startsWith('--');
	  if (searchingOptions) {
	    word = word.slice(2);
	    candidates = candidates.map((candidate) => candidate.slice(2));
	  }

	  let similar = [];
	  let bestDistance = maxDistance;
	  const minSimilarity = 0.4;
	  candidates.forEach((candidate) => {
	    if (candidate.length <= 1) return; // no one character guesses

	    const distance = editDistance(word, candidate);
	    const length = Math.max(word.length, candidate.length);
	    const similarity = (length - distance) / length;
	    if (similarity > minSimilarity) {
	      if (distance < bestDistance) {
	        // better edit distance, throw away previous worse matches
	        bestDistance = distance;
	        similar = [candidate];
	      } else if (distance === bestDistance) {
	        similar.push(candidate);
	      }
	    }
	  });

	  similar.sort((a, b) => a.localeCompare(b));
	  if (searchingOptions) {
	    similar = similar.map((candidate) => `--${candidate}`);
	  }

	  if (similar.length > 1) {
	    return `\n(Did you mean one of ${similar.join(', ')}?)`;
	  }
	  if (similar.length === 1) {
	    return `\n(Did you mean ${similar[0]}?)`;
	  }
	  return '';
	}

	suggestSimilar.suggestSimilar = suggestSimilar$1;
	return suggestSimilar;
}

var hasRequiredCommand;

function requireCommand () {
	if (hasRequiredCommand) return command;
	hasRequiredCommand = 1;
	const EventEmitter = require$$0.EventEmitter;
	const childProcess$1 = childProcess;
	const path$1 = path;
	const fs = require$$3;
	const process = process$2;

	const { Argument, humanReadableArgName } = requireArgument();
	const { CommanderError } = requireError();
	const { Help, stripColor } = requireHelp();
	const { Option, DualOptions } = requireOption();
	const { suggestSimilar } = requireSuggestSimilar();

	class Command extends EventEmitter {
	  /**
	   * Initialize a new `Command`.
	   *
	   * @param {string} [name]
	   */

	  constructor(name) {
	    super();
	    /** @type {Command[]} */
	    this.commands = [];
	    /** @type {Option[]} */
	    this.options = [];
	    this.parent = null;
	    this._allowUnknownOption = false;
	    this._allowExcessArguments = false;
	    /** @type {Argument[]} */
	    this.registeredArguments = [];
	    this._args = this.registeredArguments; // deprecated old name
	    /** @type {string[]} */
	    this.args = []; // cli args with options removed
	    this.rawArgs = [];
	    this.processedArgs = []; // like .args but after custom processing and collecting variadic
	    this._scriptPath = null;
	    this._name = name || '';
	    this._optionValues = {};
	    this._optionValueSources = {}; // default, env, cli etc
	    this._storeOptionsAsProperties = false;
	    this._actionHandler = null;
	    this._executableHandler = false;
	    this._executableFile = null; // custom name for executable
	    this._executableDir = null; // custom search directory for subcommands
	    this._defaultCommandName = null;
	    this._exitCallback = null;
	    this._aliases = [];
	    this._combineFlagAndOptionalValue = true;
	    this._description = '';
	    this._summary = '';
	    this._argsDescription = undefined; // legacy
	    this._enablePositionalOptions = false;
	    this._passThroughOptions = false;
	    this._lifeCycleHooks = {}; // a hash of arrays
	    /** @type {(boolean | string)} */
	    this._showHelpAfterError = false;
	    this._showSuggestionAfterError = true;
	    this._savedState = null; // used in save/restoreStateBeforeParse

	    // see configureOutput() for docs
	    this._outputConfiguration = {
	      writeOut: (str) => process.stdout.write(str),
	      writeErr: (str) => process.stderr.write(str),
	      outputError: (str, write) => write(str),
	      getOutHelpWidth: () =>
	        process.stdout.isTTY ? process.stdout.columns : undefined,
	      getErrHelpWidth: () =>
	        process.stderr.isTTY ? process.stderr.columns : undefined,
	      getOutHasColors: () =>
	        useColor() ?? (process.stdout.isTTY && process.stdout.hasColors?.()),
	      getErrHasColors: () =>
	        useColor() ?? (process.stderr.isTTY && process.stderr.hasColors?.()),
	      stripColor: (str) => stripColor(str),
	    };

	    this._hidden = false;
	    /** @type {(Option | null | undefined)} */
	    this._helpOption = undefined; // Lazy created on demand. May be null if help option is disabled.
	    this._addImplicitHelpCommand = undefined; // undecided whether true or false yet, not inherited
	    /** @type {Command} */
	    this._helpCommand = undefined; // lazy initialised, inherited
	    this._helpConfiguration = {};
	    /** @type {string | undefined} */
	    this._helpGroupHeading = undefined; // soft initialised when added to parent
	    /** @type {string | undefined} */
	    this._defaultCommandGroup = undefined;
	    /** @type {string | undefined} */
	    this._defaultOptionGroup = undefined;
	  }

	  /**
	   * Copy settings that are useful to have in common across root command and subcommands.
	   *
	   * (Used internally when adding a command using `.command()` so subcommands inherit parent settings.)
	   *
	   * @param {Command} sourceCommand
	   * @return {Command} `this` command for chaining
	   */
	  copyInheritedSettings(sourceCommand) {
	    this._outputConfiguration = sourceCommand._outputConfiguration;
	    this._helpOption = sourceCommand._helpOption;
	    this._helpCommand = sourceCommand._helpCommand;
	    this._helpConfiguration = sourceCommand._helpConfiguration;
	    this._exitCallback = sourceCommand._exitCallback;
	    this._storeOptionsAsProperties = sourceCommand._storeOptionsAsProperties;
	    this._combineFlagAndOptionalValue =
	      sourceCommand._combineFlagAndOptionalValue;
	    this._allowExcessArguments = sourceCommand._allowExcessArguments;
	    this._enablePositionalOptions = sourceCommand._enablePositionalOptions;
	    this._showHelpAfterError = sourceCommand._showHelpAfterError;
	    this._showSuggestionAfterError = sourceCommand._showSuggestionAfterError;

	    return this;
	  }

	  /**
	   * @returns {Command[]}
	   * @private
	   */

	  _getCommandAndAncestors() {
	    const result = [];
	    // eslint-disable-next-line @typescript-eslint/no-this-alias
	    for (let command = this; command; command = command.parent) {
	      result.push(command);
	    }
	    return result;
	  }

	  /**
	   * Define a command.
	   *
	   * There are two styles of command: pay attention to where to put the description.
	   *
	   * @example
	   * // Command implemented using action handler (description is supplied separately to `.command`)
	   * program
	   *   .command('clone <source> [destination]')
	   *   .description('clone a repository into a newly created directory')
	   *   .action((source, destination) => {
	   *     console.log('clone command called');
	   *   });
	   *
	   * // Command implemented using separate executable file (description is second parameter to `.command`)
	   * program
	   *   .command('start <service>', 'start named service')
	   *   .command('stop [service]', 'stop named service, or all if no name supplied');
	   *
	   * @param {string} nameAndArgs - command name and arguments, args are `<required>` or `[optional]` and last may also be `variadic...`
	   * @param {(object | string)} [actionOptsOrExecDesc] - configuration options (for action), or description (for executable)
	   * @param {object} [execOpts] - configuration options (for executable)
	   * @return {Command} returns new command for action handler, or `this` for executable command
	   */

	  command(nameAndArgs, actionOptsOrExecDesc, execOpts) {
	    let desc = actionOptsOrExecDesc;
	    let opts = execOpts;
	    if (typeof desc === 'object' && desc !== null) {
	      opts = desc;
	      desc = null;
	    }
	    opts = opts || {};
	    const [, name, args] = nameAndArgs.match(/([^ ]+) *(.*)/);

	    const cmd = this.createCommand(name);
	    if (desc) {
	      cmd.description(desc);
	      cmd._executableHandler = true;
	    }
	    if (opts.isDefault) this._defaultCommandName = cmd._name;
	    cmd._hidden = !!(opts.noHelp || opts.hidden); // noHelp is deprecated old name for hidden
	    cmd._executableFile = opts.executableFile || null; // Custom name for executable file, set missing to null to match constructor
	    if (args) cmd.arguments(args);
	    this._registerCommand(cmd);
	    cmd.parent = this;
	    cmd.copyInheritedSettings(this);

	    if (desc) return this;
	    return cmd;
	  }

	  /**
	   * Factory routine to create a new unattached command.
	   *
	   * See .command() for creating an attached subcommand, which uses this routine to
	   * create the command. You can override createCommand to customise subcommands.
	   *
	   * @param {string} [name]
	   * @return {Command} new command
	   */

	  createCommand(name) {
	    return new Command(name);
	  }

	  /**
	   * You can customise the help with a subclass of Help by overriding createHelp,
	   * or by overriding Help properties using configureHelp().
	   *
	   * @return {Help}
	   */

	  createHelp() {
	    return Object.assign(new Help(), this.configureHelp());
	  }

	  /**
	   * You can customise the help by overriding Help properties using configureHelp(),
	   * or with a subclass of Help by overriding createHelp().
	   *
	   * @param {object} [configuration] - configuration options
	   * @return {(Command | object)} `this` command for chaining, or stored configuration
	   */

	  configureHelp(configuration) {
	    if (configuration === undefined) return this._helpConfiguration;

	    this._helpConfiguration = configuration;
	    return this;
	  }

	  /**
	   * The default output goes to stdout and stderr. You can customise this for special
	   * applications. You can also customise the display of errors by overriding outputError.
	   *
	   * The configuration properties are all functions:
	   *
	   *     // change how output being written, defaults to stdout and stderr
	   *     writeOut(str)
	   *     writeErr(str)
	   *     // change how output being written for errors, defaults to writeErr
	   *     outputError(str, write) // used for displaying errors and not used for displaying help
	   *     // specify width for wrapping help
	   *     getOutHelpWidth()
	   *     getErrHelpWidth()
	   *     // color support, currently only used with Help
	   *     getOutHasColors()
	   *     getErrHasColors()
	   *     stripColor() // used to remove ANSI escape codes if output does not have colors
	   *
	   * @param {object} [configuration] - configuration options
	   * @return {(Command | object)} `this` command for chaining, or stored configuration
	   */

	  configureOutput(configuration) {
	    if (configuration === undefined) return this._outputConfiguration;

	    this._outputConfiguration = {
	      ...this._outputConfiguration,
	      ...configuration,
	    };
	    return this;
	  }

	  /**
	   * Display the help or a custom message after an error occurs.
	   *
	   * @param {(boolean|string)} [displayHelp]
	   * @return {Command} `this` command for chaining
	   */
	  showHelpAfterError(displayHelp = true) {
	    if (typeof displayHelp !== 'string') displayHelp = !!displayHelp;
	    this._showHelpAfterError = displayHelp;
	    return this;
	  }

	  /**
	   * Display suggestion of similar commands for unknown commands, or options for unknown options.
	   *
	   * @param {boolean} [displaySuggestion]
	   * @return {Command} `this` command for chaining
	   */
	  showSuggestionAfterError(displaySuggestion = true) {
	    this._showSuggestionAfterError = !!displaySuggestion;
	    return this;
	  }

	  /**
	   * Add a prepared subcommand.
	   *
	   * See .command() for creating an attached subcommand which inherits settings from its parent.
	   *
	   * @param {Command} cmd - new subcommand
	   * @param {object} [opts] - configuration options
	   * @return {Command} `this` command for chaining
	   */

	  addCommand(cmd, opts) {
	    if (!cmd._name) {
	      throw new Error(`Command passed to .addCommand() must have a name
- specify the name in Command constructor or using .name()`);
	    }

	    opts = opts || {};
	    if (opts.isDefault) this._defaultCommandName = cmd._name;
	    if (opts.noHelp || opts.hidden) cmd._hidden = true; // modifying passed command due to existing implementation

	    this._registerCommand(cmd);
	    cmd.parent = this;
	    cmd._checkForBrokenPassThrough();

	    return this;
	  }

	  /**
	   * Factory routine to create a new unattached argument.
	   *
	   * See .argument() for creating an attached argument, which uses this routine to
	   * create the argument. You can override createArgument to return a custom argument.
	   *
	   * @param {string} name
	   * @param {string} [description]
	   * @return {Argument} new argument
	   */

	  createArgument(name, description) {
	    return new Argument(name, description);
	  }

	  /**
	   * Define argument syntax for command.
	   *
	   * The default is that the argument is required, and you can explicitly
	   * indicate this with <> around the name. Put [] around the name for an optional argument.
	   *
	   * @example
	   * program.argument('<input-file>');
	   * program.argument('[output-file]');
	   *
	   * @param {string} name
	   * @param {string} [description]
	   * @param {(Function|*)} [parseArg] - custom argument processing function or default value
	   * @param {*} [defaultValue]
	   * @return {Command} `this` command for chaining
	   */
	  argument(name, description, parseArg, defaultValue) {
	    const argument = this.createArgument(name, description);
	    if (typeof parseArg === 'function') {
	      argument.default(defaultValue).argParser(parseArg);
	    } else {
	      argument.default(parseArg);
	    }
	    this.addArgument(argument);
	    return this;
	  }

	  /**
	   * Define argument syntax for command, adding multiple at once (without descriptions).
	   *
	   * See also .argument().
	   *
	   * @example
	   * program.arguments('<cmd> [env]');
	   *
	   * @param {string} names
	   * @return {Command} `this` command for chaining
	   */

	  arguments(names) {
	    names
	      .trim()
	      .split(/ +/)
	      .forEach((detail) => {
	        this.argument(detail);
	      });
	    return this;
	  }

	  /**
	   * Define argument syntax for command, adding a prepared argument.
	   *
	   * @param {Argument} argument
	   * @return {Command} `this` command for chaining
	   */
	  addArgument(argument) {
	    const previousArgument = this.registeredArguments.slice(-1)[0];
	    if (previousArgument?.variadic) {
	      throw new Error(
	        `only the last argument can be variadic '${previousArgument.name()}'`,
	      );
	    }
	    if (
	      argument.required &&
	      argument.defaultValue !== undefined &&
	      argument.parseArg === undefined
	    ) {
	      throw new Error(
	        `a default value for a required argument is never used: '${argument.name()}'`,
	      );
	    }
	    this.registeredArguments.push(argument);
	    return this;
	  }

	  /**
	   * Customise or override default help command. By default a help command is automatically added if your command has subcommands.
	   *
	   * @example
	   *    program.helpCommand('help [cmd]');
	   *    program.helpCommand('help [cmd]', 'show help');
	   *    program.helpCommand(false); // suppress default help command
	   *    program.helpCommand(true); // add help command even if no subcommands
	   *
	   * @param {string|boolean} enableOrNameAndArgs - enable with custom name and/or arguments, or boolean to override whether added
	   * @param {string} [description] - custom description
	   * @return {Command} `this` command for chaining
	   */

	  helpCommand(enableOrNameAndArgs, description) {
	    if (typeof enableOrNameAndArgs === 'boolean') {
	      this._addImplicitHelpCommand = enableOrNameAndArgs;
	      if (enableOrNameAndArgs && this._defaultCommandGroup) {
	        // make the command to store the group
	        this._initCommandGroup(this._getHelpCommand());
	      }
	      return this;
	    }

	    const nameAndArgs = enableOrNameAndArgs ?? 'help [command]';
	    const [, helpName, helpArgs] = nameAndArgs.match(/([^ ]+) *(.*)/);
	    const helpDescription = description ?? 'display help for command';

	    const helpCommand = this.createCommand(helpName);
	    helpCommand.helpOption(false);
	    if (helpArgs) helpCommand.arguments(helpArgs);
	    if (helpDescription) helpCommand.description(helpDescription);

	    this._addImplicitHelpCommand = true;
	    this._helpCommand = helpCommand;
	    // init group unless lazy create
	    if (enableOrNameAndArgs || description) this._initCommandGroup(helpCommand);

	    return this;
	  }

	  /**
	   * Add prepared custom help command.
	   *
	   * @param {(Command|string|boolean)} helpCommand - custom help command, or deprecated enableOrNameAndArgs as for `.helpCommand()`
	   * @param {string} [deprecatedDescription] - deprecated custom description used with custom name only
	   * @return {Command} `this` command for chaining
	   */
	  addHelpCommand(helpCommand, deprecatedDescription) {
	    // If not passed an object, call through to helpCommand for backwards compatibility,
	    // as addHelpCommand was originally used like helpCommand is now.
	    if (typeof helpCommand !== 'object') {
	      this.helpCommand(helpCommand, deprecatedDescription);
	      return this;
	    }

	    this._addImplicitHelpCommand = true;
	    this._helpCommand = helpCommand;
	    this._initCommandGroup(helpCommand);
	    return this;
	  }

	  /**
	   * Lazy create help command.
	   *
	   * @return {(Command|null)}
	   * @package
	   */
	  _getHelpCommand() {
	    const hasImplicitHelpCommand =
	      this._addImplicitHelpCommand ??
	      (this.commands.length &&
	        !this._actionHandler &&
	        !this._findCommand('help'));

	    if (hasImplicitHelpCommand) {
	      if (this._helpCommand === undefined) {
	        this.helpCommand(undefined, undefined); // use default name and description
	      }
	      return this._helpCommand;
	    }
	    return null;
	  }

	  /**
	   * Add hook for life cycle event.
	   *
	   * @param {string} event
	   * @param {Function} listener
	   * @return {Command} `this` command for chaining
	   */

	  hook(event, listener) {
	    const allowedValues = ['preSubcommand', 'preAction', 'postAction'];
	    if (!allowedValues.includes(event)) {
	      throw new Error(`Unexpected value for event passed to hook : '${event}'.
Expecting one of '${allowedValues.join("', '")}'`);
	    }
	    if (this._lifeCycleHooks[event]) {
	      this._lifeCycleHooks[event].push(listener);
	    } else {
	      this._lifeCycleHooks[event] = [listener];
	    }
	    return this;
	  }

	  /**
	   * Register callback to use as replacement for calling process.exit.
	   *
	   * @param {Function} [fn] optional callback which will be passed a CommanderError, defaults to throwing
	   * @return {Command} `this` command for chaining
	   */

	  exitOverride(fn) {
	    if (fn) {
	      this._exitCallback = fn;
	    } else {
	      this._exitCallback = (err) => {
	        if (err.code !== 'commander.executeSubCommandAsync') {
	          throw err;
	        }
	      };
	    }
	    return this;
	  }

	  /**
	   * Call process.exit, and _exitCallback if defined.
	   *
	   * @param {number} exitCode exit code for using with process.exit
	   * @param {string} code an id string representing the error
	   * @param {string} message human-readable description of the error
	   * @return never
	   * @private
	   */

	  _exit(exitCode, code, message) {
	    if (this._exitCallback) {
	      this._exitCallback(new CommanderError(exitCode, code, message));
	      // Expecting this line is not reached.
	    }
	    process.exit(exitCode);
	  }

	  /**
	   * Register callback `fn` for the command.
	   *
	   * @example
	   * program
	   *   .command('serve')
	   *   .description('start service')
	   *   .action(function() {
	   *      // do work here
	   *   });
	   *
	   * @param {Function} fn
	   * @return {Command} `this` command for chaining
	   */

	  action(fn) {
	    const listener = (args) => {
	      // The .action callback takes an extra parameter which is the command or options.
	      const expectedArgsCount = this.registeredArguments.length;
	      const actionArgs = args.slice(0, expectedArgsCount);
	      if (this._storeOptionsAsProperties) {
	        actionArgs[expectedArgsCount] = this; // backwards compatible "options"
	      } else {
	        actionArgs[expectedArgsCount] = this.opts();
	      }
	      actionArgs.push(this);

	      return fn.apply(this, actionArgs);
	    };
	    this._actionHandler = listener;
	    return this;
	  }

	  /**
	   * Factory routine to create a new unattached option.
	   *
	   * See .option() for creating an attached option, which uses this routine to
	   * create the option. You can override createOption to return a custom option.
	   *
	   * @param {string} flags
	   * @param {string} [description]
	   * @return {Option} new option
	   */

	  createOption(flags, description) {
	    return new Option(flags, description);
	  }

	  /**
	   * Wrap parseArgs to catch 'commander.invalidArgument'.
	   *
	   * @param {(Option | Argument)} target
	   * @param {string} value
	   * @param {*} previous
	   * @param {string} invalidArgumentMessage
	   * @private
	   */

	  _callParseArg(target, value, previous, invalidArgumentMessage) {
	    try {
	      return target.parseArg(value, previous);
	    } catch (err) {
	      if (err.code === 'commander.invalidArgument') {
	        const message = `${invalidArgumentMessage} ${err.message}`;
	        this.error(message, { exitCode: err.exitCode, code: err.code });
	      }
	      throw err;
	    }
	  }

	  /**
	   * Check for option flag conflicts.
	   * Register option if no conflicts found, or throw on conflict.
	   *
	   * @param {Option} option
	   * @private
	   */

	  _registerOption(option) {
	    const matchingOption =
	      (option.short && this._findOption(option.short)) ||
	      (option.long && this._findOption(option.long));
	    if (matchingOption) {
	      const matchingFlag =
	        option.long && this._findOption(option.long)
	          ? option.long
	          : option.short;
	      throw new Error(`Cannot add option '${option.flags}'${this._name && ` to command '${this._name}'`} due to conflicting flag '${matchingFlag}'
-  already used by option '${matchingOption.flags}'`);
	    }

	    this._initOptionGroup(option);
	    this.options.push(option);
	  }

	  /**
	   * Check for command name and alias conflicts with existing commands.
	   * Register command if no conflicts found, or throw on conflict.
	   *
	   * @param {Command} command
	   * @private
	   */

	  _registerCommand(command) {
	    const knownBy = (cmd) => {
	      return [cmd.name()].concat(cmd.aliases());
	    };

	    const alreadyUsed = knownBy(command).find((name) =>
	      this._findCommand(name),
	    );
	    if (alreadyUsed) {
	      const existingCmd = knownBy(this._findCommand(alreadyUsed)).join('|');
	      const newCmd = knownBy(command).join('|');
	      throw new Error(
	        `cannot add command '${newCmd}' as already have command '${existingCmd}'`,
	      );
	    }

	    this._initCommandGroup(command);
	    this.commands.push(command);
	  }

	  /**
	   * Add an option.
	   *
	   * @param {Option} option
	   * @return {Command} `this` command for chaining
	   */
	  addOption(option) {
	    this._registerOption(option);

	    const oname = option.name();
	    const name = option.attributeName();

	    // store default value
	    if (option.negate) {
	      // --no-foo is special and defaults foo to true, unless a --foo option is already defined
	      const positiveLongFlag = option.long.replace(/^--no-/, '--');
	      if (!this._findOption(positiveLongFlag)) {
	        this.setOptionValueWithSource(
	          name,
	          option.defaultValue === undefined ? true : option.defaultValue,
	          'default',
	        );
	      }
	    } else if (option.defaultValue !== undefined) {
	      this.setOptionValueWithSource(name, option.defaultValue, 'default');
	    }

	    // handler for cli and env supplied values
	    const handleOptionValue = (val, invalidValueMessage, valueSource) => {
	      // val is null for optional option used without an optional-argument.
	      // val is undefined for boolean and negated option.
	      if (val == null && option.presetArg !== undefined) {
	        val = option.presetArg;
	      }

	      // custom processing
	      const oldValue = this.getOptionValue(name);
	      if (val !== null && option.parseArg) {
	        val = this._callParseArg(option, val, oldValue, invalidValueMessage);
	      } else if (val !== null && option.variadic) {
	        val = option._collectValue(val, oldValue);
	      }

	      // Fill-in appropriate missing values. Long winded but easy to follow.
	      if (val == null) {
	        if (option.negate) {
	          val = false;
	        } else if (option.isBoolean() || option.optional) {
	          val = true;
	        } else {
	          val = ''; // not normal, parseArg might have failed or be a mock function for testing
	        }
	      }
	      this.setOptionValueWithSource(name, val, valueSource);
	    };

	    this.on('option:' + oname, (val) => {
	      const invalidValueMessage = `error: option '${option.flags}' argument '${val}' is invalid.`;
	      handleOptionValue(val, invalidValueMessage, 'cli');
	    });

	    if (option.envVar) {
	      this.on('optionEnv:' + oname, (val) => {
	        const invalidValueMessage = `error: option '${option.flags}' value '${val}' from env '${option.envVar}' is invalid.`;
	        handleOptionValue(val, invalidValueMessage, 'env');
	      });
	    }

	    return this;
	  }

	  /**
	   * Internal implementation shared by .option() and .requiredOption()
	   *
	   * @return {Command} `this` command for chaining
	   * @private
	   */
	  _optionEx(config, flags, description, fn, defaultValue) {
	    if (typeof flags === 'object' && flags instanceof Option) {
	      throw new Error(
	        'To add an Option object use addOption() instead of option() or requiredOption()',
	      );
	    }
	    const option = this.createOption(flags, description);
	    option.makeOptionMandatory(!!config.mandatory);
	    if (typeof fn === 'function') {
	      option.default(defaultValue).argParser(fn);
	    } else if (fn instanceof RegExp) {
	      // deprecated
	      const regex = fn;
	      fn = (val, def) => {
	        const m = regex.exec(val);
	        return m ? m[0] : def;
	      };
	      option.default(defaultValue).argParser(fn);
	    } else {
	      option.default(fn);
	    }

	    return this.addOption(option);
	  }

	  /**
	   * Define option with `flags`, `description`, and optional argument parsing function or `defaultValue` or both.
	   *
	   * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space. A required
	   * option-argument is indicated by `<>` and an optional option-argument by `[]`.
	   *
	   * See the README for more details, and see also addOption() and requiredOption().
	   *
	   * @example
	   * program
	   *     .option('-p, --pepper', 'add pepper')
	   *     .option('--pt, --pizza-type <TYPE>', 'type of pizza') // required option-argument
	   *     .option('-c, --cheese [CHEESE]', 'add extra cheese', 'mozzarella') // optional option-argument with default
	   *     .option('-t, --tip <VALUE>', 'add tip to purchase cost', parseFloat) // custom parse function
	   *
	   * @param {string} flags
	   * @param {string} [description]
	   * @param {(Function|*)} [parseArg] - custom option processing function or default value
	   * @param {*} [defaultValue]
	   * @return {Command} `this` command for chaining
	   */

	  option(flags, description, parseArg, defaultValue) {
	    return this._optionEx({}, flags, description, parseArg, defaultValue);
	  }

	  /**
	   * Add a required option which must have a value after parsing. This usually means
	   * the option must be specified on the command line. (Otherwise the same as .option().)
	   *
	   * The `flags` string contains the short and/or long flags, separated by comma, a pipe or space.
	   *
	   * @param {string} flags
	   * @param {string} [description]
	   * @param {(Function|*)} [parseArg] - custom option processing function or default value
	   * @param {*} [defaultValue]
	   * @return {Command} `this` command for chaining
	   */

	  requiredOption(flags, description, parseArg, defaultValue) {
	    return this._optionEx(
	      { mandatory: true },
	      flags,
	      description,
	      parseArg,
	      defaultValue,
	    );
	  }

	  /**
	   * Alter parsing of short flags with optional values.
	   *
	   * @example
	   * // for `.option('-f,--flag [value]'):
	   * program.combineFlagAndOptionalValue(true);  // `-f80` is treated like `--flag=80`, this is the default behaviour
	   * program.combineFlagAndOptionalValue(false) // `-fb` is treated like `-f -b`
	   *
	   * @param {boolean} [combine] - if `true` or omitted, an optional value can be specified directly after the flag.
	   * @return {Command} `this` command for chaining
	   */
	  combineFlagAndOptionalValue(combine = true) {
	    this._combineFlagAndOptionalValue = !!combine;
	    return this;
	  }

	  /**
	   * Allow unknown options on the command line.
	   *
	   * @param {boolean} [allowUnknown] - if `true` or omitted, no error will be thrown for unknown options.
	   * @return {Command} `this` command for chaining
	   */
	  allowUnknownOption(allowUnknown = true) {
	    this._allowUnknownOption = !!allowUnknown;
	    return this;
	  }

	  /**
	   * Allow excess command-arguments on the command line. Pass false to make excess arguments an error.
	   *
	   * @param {boolean} [allowExcess] - if `true` or omitted, no error will be thrown for excess arguments.
	   * @return {Command} `this` command for chaining
	   */
	  allowExcessArguments(allowExcess = true) {
	    this._allowExcessArguments = !!allowExcess;
	    return this;
	  }

	  /**
	   * Enable positional options. Positional means global options are specified before subcommands which lets
	   * subcommands reuse the same option names, and also enables subcommands to turn on passThroughOptions.
	   * The default behaviour is non-positional and global options may appear anywhere on the command line.
	   *
	   * @param {boolean} [positional]
	   * @return {Command} `this` command for chaining
	   */
	  enablePositionalOptions(positional = true) {
	    this._enablePositionalOptions = !!positional;
	    return this;
	  }

	  /**
	   * Pass through options that come after command-arguments rather than treat them as command-options,
	   * so actual command-options come before command-arguments. Turning this on for a subcommand requires
	   * positional options to have been enabled on the program (parent commands).
	   * The default behaviour is non-positional and options may appear before or after command-arguments.
	   *
	   * @param {boolean} [passThrough] for unknown options.
	   * @return {Command} `this` command for chaining
	   */
	  passThroughOptions(passThrough = true) {
	    this._passThroughOptions = !!passThrough;
	    this._checkForBrokenPassThrough();
	    return this;
	  }

	  /**
	   * @private
	   */

	  _checkForBrokenPassThrough() {
	    if (
	      this.parent &&
	      this._passThroughOptions &&
	      !this.parent._enablePositionalOptions
	    ) {
	      throw new Error(
	        `passThroughOptions cannot be used for '${this._name}' without turning on enablePositionalOptions for parent command(s)`,
	      );
	    }
	  }

	  /**
	   * Whether to store option values as properties on command object,
	   * or store separately (specify false). In both cases the option values can be accessed using .opts().
	   *
	   * @param {boolean} [storeAsProperties=true]
	   * @return {Command} `this` command for chaining
	   */

	  storeOptionsAsProperties(storeAsProperties = true) {
	    if (this.options.length) {
	      throw new Error('call .storeOptionsAsProperties() before adding options');
	    }
	    if (Object.keys(this._optionValues).length) {
	      throw new Error(
	        'call .storeOptionsAsProperties() before setting option values',
	      );
	    }
	    this._storeOptionsAsProperties = !!storeAsProperties;
	    return this;
	  }

	  /**
	   * Retrieve option value.
	   *
	   * @param {string} key
	   * @return {object} value
	   */

	  getOptionValue(key) {
	    if (this._storeOptionsAsProperties) {
	      return this[key];
	    }
	    return this._optionValues[key];
	  }

	  /**
	   * Store option value.
	   *
	   * @param {string} key
	   * @param {object} value
	   * @return {Command} `this` command for chaining
	   */

	  setOptionValue(key, value) {
	    return this.setOptionValueWithSource(key, value, undefined);
	  }

	  /**
	   * Store option value and where the value came from.
	   *
	   * @param {string} key
	   * @param {object} value
	   * @param {string} source - expected values are default/config/env/cli/implied
	   * @return {Command} `this` command for chaining
	   */

	  setOptionValueWithSource(key, value, source) {
	    if (this._storeOptionsAsProperties) {
	      this[key] = value;
	    } else {
	      this._optionValues[key] = value;
	    }
	    this._optionValueSources[key] = source;
	    return this;
	  }

	  /**
	   * Get source of option value.
	   * Expected values are default | config | env | cli | implied
	   *
	   * @param {string} key
	   * @return {string}
	   */

	  getOptionValueSource(key) {
	    return this._optionValueSources[key];
	  }

	  /**
	   * Get source of option value. See also .optsWithGlobals().
	   * Expected values are default | config | env | cli | implied
	   *
	   * @param {string} key
	   * @return {string}
	   */

	  getOptionValueSourceWithGlobals(key) {
	    // global overwrites local, like optsWithGlobals
	    let source;
	    this._getCommandAndAncestors().forEach((cmd) => {
	      if (cmd.getOptionValueSource(key) !== undefined) {
	        source = cmd.getOptionValueSource(key);
	      }
	    });
	    return source;
	  }

	  /**
	   * Get user arguments from implied or explicit arguments.
	   * Side-effects: set _scriptPath if args included script. Used for default program name, and subcommand searches.
	   *
	   * @private
	   */

	  _prepareUserArgs(argv, parseOptions) {
	    if (argv !== undefined && !Array.isArray(argv)) {
	      throw new Error('first parameter to parse must be array or undefined');
	    }
	    parseOptions = parseOptions || {};

	    // auto-detect argument conventions if nothing supplied
	    if (argv === undefined && parseOptions.from === undefined) {
	      if (process.versions?.electron) {
	        parseOptions.from = 'electron';
	      }
	      // check node specific options for scenarios where user CLI args follow executable without scriptname
	      const execArgv = process.execArgv ?? [];
	      if (
	        execArgv.includes('-e') ||
	        execArgv.includes('--eval') ||
	        execArgv.includes('-p') ||
	        execArgv.includes('--print')
	      ) {
	        parseOptions.from = 'eval'; // internal usage, not documented
	      }
	    }

	    // default to using process.argv
	    if (argv === undefined) {
	      argv = process.argv;
	    }
	    this.rawArgs = argv.slice();

	    // extract the user args and scriptPath
	    let userArgs;
	    switch (parseOptions.from) {
	      case undefined:
	      case 'node':
	        this._scriptPath = argv[1];
	        userArgs = argv.slice(2);
	        break;
	      case 'electron':
	        // @ts-ignore: because defaultApp is an unknown property
	        if (process.defaultApp) {
	          this._scriptPath = argv[1];
	          userArgs = argv.slice(2);
	        } else {
	          userArgs = argv.slice(1);
	        }
	        break;
	      case 'user':
	        userArgs = argv.slice(0);
	        break;
	      case 'eval':
	        userArgs = argv.slice(1);
	        break;
	      default:
	        throw new Error(
	          `unexpected parse option { from: '${parseOptions.from}' }`,
	        );
	    }

	    // Find default name for program from arguments.
	    if (!this._name && this._scriptPath)
	      this.nameFromFilename(this._scriptPath);
	    this._name = this._name || 'program';

	    return userArgs;
	  }

	  /**
	   * Parse `argv`, setting options and invoking commands when defined.
	   *
	   * Use parseAsync instead of parse if any of your action handlers are async.
	   *
	   * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
	   *
	   * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
	   * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
	   * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
	   * - `'user'`: just user arguments
	   *
	   * @example
	   * program.parse(); // parse process.argv and auto-detect electron and special node flags
	   * program.parse(process.argv); // assume argv[0] is app and argv[1] is script
	   * program.parse(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
	   *
	   * @param {string[]} [argv] - optional, defaults to process.argv
	   * @param {object} [parseOptions] - optionally specify style of options with from: node/user/electron
	   * @param {string} [parseOptions.from] - where the args are from: 'node', 'user', 'electron'
	   * @return {Command} `this` command for chaining
	   */

	  parse(argv, parseOptions) {
	    this._prepareForParse();
	    const userArgs = this._prepareUserArgs(argv, parseOptions);
	    this._parseCommand([], userArgs);

	    return this;
	  }

	  /**
	   * Parse `argv`, setting options and invoking commands when defined.
	   *
	   * Call with no parameters to parse `process.argv`. Detects Electron and special node options like `node --eval`. Easy mode!
	   *
	   * Or call with an array of strings to parse, and optionally where the user arguments start by specifying where the arguments are `from`:
	   * - `'node'`: default, `argv[0]` is the application and `argv[1]` is the script being run, with user arguments after that
	   * - `'electron'`: `argv[0]` is the application and `argv[1]` varies depending on whether the electron application is packaged
	   * - `'user'`: just user arguments
	   *
	   * @example
	   * await program.parseAsync(); // parse process.argv and auto-detect electron and special node flags
	   * await program.parseAsync(process.argv); // assume argv[0] is app and argv[1] is script
	   * await program.parseAsync(my-args, { from: 'user' }); // just user supplied arguments, nothing special about argv[0]
	   *
	   * @param {string[]} [argv]
	   * @param {object} [parseOptions]
	   * @param {string} parseOptions.from - where the args are from: 'node', 'user', 'electron'
	   * @return {Promise}
	   */

	  async parseAsync(argv, parseOptions) {
	    this._prepareForParse();
	    const userArgs = this._prepareUserArgs(argv, parseOptions);
	    await this._parseCommand([], userArgs);

	    return this;
	  }

	  _prepareForParse() {
	    if (this._savedState === null) {
	      this.saveStateBeforeParse();
	    } else {
	      this.restoreStateBeforeParse();
	    }
	  }

	  /**
	   * Called the first time parse is called to save state and allow a restore before subsequent calls to parse.
	   * Not usually called directly, but available for subclasses to save their custom state.
	   *
	   * This is called in a lazy way. Only commands used in parsing chain will have state saved.
	   */
	  saveStateBeforeParse() {
	    this._savedState = {
	      // name is stable if supplied by author, but may be unspecified for root command and deduced during parsing
	      _name: this._name,
	      // option values before parse have default values (including false for negated options)
	      // shallow clones
	      _optionValues: { ...this._optionValues },
	      _optionValueSources: { ...this._optionValueSources },
	    };
	  }

	  /**
	   * Restore state before parse for calls after the first.
	   * Not usually called directly, but available for subclasses to save their custom state.
	   *
	   * This is called in a lazy way. Only commands used in parsing chain will have state restored.
	   */
	  restoreStateBeforeParse() {
	    if (this._storeOptionsAsProperties)
	      throw new Error(`Can not call parse again when storeOptionsAsProperties is true.
- either make a new Command for each call to parse, or stop storing options as properties`);

	    // clear state from _prepareUserArgs
	    this._name = this._savedState._name;
	    this._scriptPath = null;
	    this.rawArgs = [];
	    // clear state from setOptionValueWithSource
	    this._optionValues = { ...this._savedState._optionValues };
	    this._optionValueSources = { ...this._savedState._optionValueSources };
	    // clear state from _parseCommand
	    this.args = [];
	    // clear state from _processArguments
	    this.processedArgs = [];
	  }

	  /**
	   * Throw if expected executable is missing. Add lots of help for author.
	   *
	   * @param {string} executableFile
	   * @param {string} executableDir
	   * @param {string} subcommandName
	   */
	  _checkForMissingExecutable(executableFile, executableDir, subcommandName) {
	    if (fs.existsSync(executableFile)) return;

	    const executableDirMessage = executableDir
	      ? `searched for local subcommand relative to directory '${executableDir}'`
	      : 'no directory for search for local subcommand, use .executableDir() to supply a custom directory';
	    const executableMissing = `'${executableFile}' does not exist
 - if '${subcommandName}' is not meant to be an executable command, remove description parameter from '.command()' and use '.description()' instead
 - if the default executable name is not suitable, use the executableFile option to supply a custom name or path
 - ${executableDirMessage}`;
	    throw new Error(executableMissing);
	  }

	  /**
	   * Execute a sub-command executable.
	   *
	   * @private
	   */

	  _executeSubCommand(subcommand, args) {
	    args = args.slice();
	    let launchWithNode = false; // Use node for source targets so do not need to get permissions correct, and on Windows.
	    const sourceExt = ['.js', '.ts', '.tsx', '.mjs', '.cjs'];

	    function findFile(baseDir, baseName) {
	      // Look for specified file
	      const localBin = path$1.resolve(baseDir, baseName);
	      if (fs.existsSync(localBin)) return localBin;

	      // Stop looking if candidate already has an expected extension.
	      if (sourceExt.includes(path$1.extname(baseName))) return undefined;

	      // Try all the extensions.
	      const foundExt = sourceExt.find((ext) =>
	        fs.existsSync(`${localBin}${ext}`),
	      );
	      if (foundExt) return `${localBin}${foundExt}`;

	      return undefined;
	    }

	    // Not checking for help first. Unlikely to have mandatory and executable, and can't robustly test for help flags in external command.
	    this._checkForMissingMandatoryOptions();
	    this._checkForConflictingOptions();

	    // executableFile and executableDir might be full path, or just a name
	    let executableFile =
	      subcommand._executableFile || `${this._name}-${subcommand._name}`;
	    let executableDir = this._executableDir || '';
	    if (this._scriptPath) {
	      let resolvedScriptPath; // resolve possible symlink for installed npm binary
	      try {
	        resolvedScriptPath = fs.realpathSync(this._scriptPath);
	      } catch {
	        resolvedScriptPath = this._scriptPath;
	      }
	      executableDir = path$1.resolve(
	        path$1.dirname(resolvedScriptPath),
	        executableDir,
	      );
	    }

	    // Look for a local file in preference to a command in PATH.
	    if (executableDir) {
	      let localFile = findFile(executableDir, executableFile);

	      // Legacy search using prefix of script name instead of command name
	      if (!localFile && !subcommand._executableFile && this._scriptPath) {
	        const legacyName = path$1.basename(
	          this._scriptPath,
	          path$1.extname(this._scriptPath),
	        );
	        if (legacyName !== this._name) {
	          localFile = findFile(
	            executableDir,
	            `${legacyName}-${subcommand._name}`,
	          );
	        }
	      }
	      executableFile = localFile || executableFile;
	    }

	    launchWithNode = sourceExt.includes(path$1.extname(executableFile));

	    let proc;
	    if (process.platform !== 'win32') {
	      if (launchWithNode) {
	        args.unshift(executableFile);
	        // add executable arguments to spawn
	        args = incrementNodeInspectorPort(process.execArgv).concat(args);

	        proc = childProcess$1.spawn(process.argv[0], args, { stdio: 'inherit' });
	      } else {
	        proc = childProcess$1.spawn(executableFile, args, { stdio: 'inherit' });
	      }
	    } else {
	      this._checkForMissingExecutable(
	        executableFile,
	        executableDir,
	        subcommand._name,
	      );
	      args.unshift(executableFile);
	      // add executable arguments to spawn
	      args = incrementNodeInspectorPort(process.execArgv).concat(args);
	      proc = childProcess$1.spawn(process.execPath, args, { stdio: 'inherit' });
	    }

	    if (!proc.killed) {
	      // testing mainly to avoid leak warnings during unit tests with mocked spawn
	      const signals = ['SIGUSR1', 'SIGUSR2', 'SIGTERM', 'SIGINT', 'SIGHUP'];
	      signals.forEach((signal) => {
	        process.on(signal, () => {
	          if (proc.killed === false && proc.exitCode === null) {
	            // @ts-ignore because signals not typed to known strings
	            proc.kill(signal);
	          }
	        });
	      });
	    }

	    // By default terminate process when spawned process terminates.
	    const exitCallback = this._exitCallback;
	    proc.on('close', (code) => {
	      code = code ?? 1; // code is null if spawned process terminated due to a signal
	      if (!exitCallback) {
	        process.exit(code);
	      } else {
	        exitCallback(
	          new CommanderError(
	            code,
	            'commander.executeSubCommandAsync',
	            '(close)',
	          ),
	        );
	      }
	    });
	    proc.on('error', (err) => {
	      // @ts-ignore: because err.code is an unknown property
	      if (err.code === 'ENOENT') {
	        this._checkForMissingExecutable(
	          executableFile,
	          executableDir,
	          subcommand._name,
	        );
	        // @ts-ignore: because err.code is an unknown property
	      } else if (err.code === 'EACCES') {
	        throw new Error(`'${executableFile}' not executable`);
	      }
	      if (!exitCallback) {
	        process.exit(1);
	      } else {
	        const wrappedError = new CommanderError(
	          1,
	          'commander.executeSubCommandAsync',
	          '(error)',
	        );
	        wrappedError.nestedError = err;
	        exitCallback(wrappedError);
	      }
	    });

	    // Store the reference to the child process
	    this.runningCommand = proc;
	  }

	  /**
	   * @private
	   */

	  _dispatchSubcommand(commandName, operands, unknown) {
	    const subCommand = this._findCommand(commandName);
	    if (!subCommand) this.help({ error: true });

	    subCommand._prepareForParse();
	    let promiseChain;
	    promiseChain = this._chainOrCallSubCommandHook(
	      promiseChain,
	      subCommand,
	      'preSubcommand',
	    );
	    promiseChain = this._chainOrCall(promiseChain, () => {
	      if (subCommand._executableHandler) {
	        this._executeSubCommand(subCommand, operands.concat(unknown));
	      } else {
	        return subCommand._parseCommand(operands, unknown);
	      }
	    });
	    return promiseChain;
	  }

	  /**
	   * Invoke help directly if possible, or dispatch if necessary.
	   * e.g. help foo
	   *
	   * @private
	   */

	  _dispatchHelpCommand(subcommandName) {
	    if (!subcommandName) {
	      this.help();
	    }
	    const subCommand = this._findCommand(subcommandName);
	    if (subCommand && !subCommand._executableHandler) {
	      subCommand.help();
	    }

	    // Fallback to parsing the help flag to invoke the help.
	    return this._dispatchSubcommand(
	      subcommandName,
	      [],
	      [this._getHelpOption()?.long ?? this._getHelpOption()?.short ?? '--help'],
	    );
	  }

	  /**
	   * Check this.args against expected this.registeredArguments.
	   *
	   * @private
	   */

	  _checkNumberOfArguments() {
	    // too few
	    this.registeredArguments.forEach((arg, i) => {
	      if (arg.required && this.args[i] == null) {
	        this.missingArgument(arg.name());
	      }
	    });
	    // too many
	    if (
	      this.registeredArguments.length > 0 &&
	      this.registeredArguments[this.registeredArguments.length - 1].variadic
	    ) {
	      return;
	    }
	    if (this.args.length > this.registeredArguments.length) {
	      this._excessArguments(this.args);
	    }
	  }

	  /**
	   * Process this.args using this.registeredArguments and save as this.processedArgs!
	   *
	   * @private
	   */

	  _processArguments() {
	    const myParseArg = (argument, value, previous) => {
	      // Extra processing for nice error message on parsing failure.
	      let parsedValue = value;
	      if (value !== null && argument.parseArg) {
	        const invalidValueMessage = `error: command-argument value '${value}' is invalid for argument '${argument.name()}'.`;
	        parsedValue = this._callParseArg(
	          argument,
	          value,
	          previous,
	          invalidValueMessage,
	        );
	      }
	      return parsedValue;
	    };

	    this._checkNumberOfArguments();

	    const processedArgs = [];
	    this.registeredArguments.forEach((declaredArg, index) => {
	      let value = declaredArg.defaultValue;
	      if (declaredArg.variadic) {
	        // Collect together remaining arguments for passing together as an array.
	        if (index < this.args.length) {
	          value = this.args.slice(index);
	          if (declaredArg.parseArg) {
	            value = value.reduce((processed, v) => {
	              return myParseArg(declaredArg, v, processed);
	            }, declaredArg.defaultValue);
	          }
	        } else if (value === undefined) {
	          value = [];
	        }
	      } else if (index < this.args.length) {
	        value = this.args[index];
	        if (declaredArg.parseArg) {
	          value = myParseArg(declaredArg, value, declaredArg.defaultValue);
	        }
	      }
	      processedArgs[index] = value;
	    });
	    this.processedArgs = processedArgs;
	  }

	  /**
	   * Once we have a promise we chain, but call synchronously until then.
	   *
	   * @param {(Promise|undefined)} promise
	   * @param {Function} fn
	   * @return {(Promise|undefined)}
	   * @private
	   */

	  _chainOrCall(promise, fn) {
	    // thenable
	    if (promise?.then && typeof promise.then === 'function') {
	      // already have a promise, chain callback
	      return promise.then(() => fn());
	    }
	    // callback might return a promise
	    return fn();
	  }

	  /**
	   *
	   * @param {(Promise|undefined)} promise
	   * @param {string} event
	   * @return {(Promise|undefined)}
	   * @private
	   */

	  _chainOrCallHooks(promise, event) {
	    let result = promise;
	    const hooks = [];
	    this._getCommandAndAncestors()
	      .reverse()
	      .filter((cmd) => cmd._lifeCycleHooks[event] !== undefined)
	      .forEach((hookedCommand) => {
	        hookedCommand._lifeCycleHooks[event].forEach((callback) => {
	          hooks.push({ hookedCommand, callback });
	        });
	      });
	    if (event === 'postAction') {
	      hooks.reverse();
	    }

	    hooks.forEach((hookDetail) => {
	      result = this._chainOrCall(result, () => {
	        return hookDetail.callback(hookDetail.hookedCommand, this);
	      });
	    });
	    return result;
	  }

	  /**
	   *
	   * @param {(Promise|undefined)} promise
	   * @param {Command} subCommand
	   * @param {string} event
	   * @return {(Promise|undefined)}
	   * @private
	   */

	  _chainOrCallSubCommandHook(promise, subCommand, event) {
	    let result = promise;
	    if (this._lifeCycleHooks[event] !== undefined) {
	      this._lifeCycleHooks[event].forEach((hook) => {
	        result = this._chainOrCall(result, () => {
	          return hook(this, subCommand);
	        });
	      });
	    }
	    return result;
	  }

	  /**
	   * Process arguments in context of this command.
	   * Returns action result, in case it is a promise.
	   *
	   * @private
	   */

	  _parseCommand(operands, unknown) {
	    const parsed = this.parseOptions(unknown);
	    this._parseOptionsEnv(); // after cli, so parseArg not called on both cli and env
	    this._parseOptionsImplied();
	    operands = operands.concat(parsed.operands);
	    unknown = parsed.unknown;
	    this.args = operands.concat(unknown);

	    if (operands && this._findCommand(operands[0])) {
	      return this._dispatchSubcommand(operands[0], operands.slice(1), unknown);
	    }
	    if (
	      this._getHelpCommand() &&
	      operands[0] === this._getHelpCommand().name()
	    ) {
	      return this._dispatchHelpCommand(operands[1]);
	    }
	    if (this._defaultCommandName) {
	      this._outputHelpIfRequested(unknown); // Run the help for default command from parent rather than passing to default command
	      return this._dispatchSubcommand(
	        this._defaultCommandName,
	        operands,
	        unknown,
	      );
	    }
	    if (
	      this.commands.length &&
	      this.args.length === 0 &&
	      !this._actionHandler &&
	      !this._defaultCommandName
	    ) {
	      // probably missing subcommand and no handler, user needs help (and exit)
	      this.help({ error: true });
	    }

	    this._outputHelpIfRequested(parsed.unknown);
	    this._checkForMissingMandatoryOptions();
	    this._checkForConflictingOptions();

	    // We do not always call this check to avoid masking a "better" error, like unknown command.
	    const checkForUnknownOptions = () => {
	      if (parsed.unknown.length > 0) {
	        this.unknownOption(parsed.unknown[0]);
	      }
	    };

	    const commandEvent = `command:${this.name()}`;
	    if (this._actionHandler) {
	      checkForUnknownOptions();
	      this._processArguments();

	      let promiseChain;
	      promiseChain = this._chainOrCallHooks(promiseChain, 'preAction');
	      promiseChain = this._chainOrCall(promiseChain, () =>
	        this._actionHandler(this.processedArgs),
	      );
	      if (this.parent) {
	        promiseChain = this._chainOrCall(promiseChain, () => {
	          this.parent.emit(commandEvent, operands, unknown); // legacy
	        });
	      }
	      promiseChain = this._chainOrCallHooks(promiseChain, 'postAction');
	      return promiseChain;
	    }
	    if (this.parent?.listenerCount(commandEvent)) {
	      checkForUnknownOptions();
	      this._processArguments();
	      this.parent.emit(commandEvent, operands, unknown); // legacy
	    } else if (operands.length) {
	      if (this._findCommand('*')) {
	        // legacy default command
	        return this._dispatchSubcommand('*', operands, unknown);
	      }
	      if (this.listenerCount('command:*')) {
	        // skip option check, emit event for possible misspelling suggestion
	        this.emit('command:*', operands, unknown);
	      } else if (this.commands.length) {
	        this.unknownCommand();
	      } else {
	        checkForUnknownOptions();
	        this._processArguments();
	      }
	    } else if (this.commands.length) {
	      checkForUnknownOptions();
	      // This command has subcommands and nothing hooked up at this level, so display help (and exit).
	      this.help({ error: true });
	    } else {
	      checkForUnknownOptions();
	      this._processArguments();
	      // fall through for caller to handle after calling .parse()
	    }
	  }

	  /**
	   * Find matching command.
	   *
	   * @private
	   * @return {Command | undefined}
	   */
	  _findCommand(name) {
	    if (!name) return undefined;
	    return this.commands.find(
	      (cmd) => cmd._name === name || cmd._aliases.includes(name),
	    );
	  }

	  /**
	   * Return an option matching `arg` if any.
	   *
	   * @param {string} arg
	   * @return {Option}
	   * @package
	   */

	  _findOption(arg) {
	    return this.options.find((option) => option.is(arg));
	  }

	  /**
	   * Display an error message if a mandatory option does not have a value.
	   * Called after checking for help flags in leaf subcommand.
	   *
	   * @private
	   */

	  _checkForMissingMandatoryOptions() {
	    // Walk up hierarchy so can call in subcommand after checking for displaying help.
	    this._getCommandAndAncestors().forEach((cmd) => {
	      cmd.options.forEach((anOption) => {
	        if (
	          anOption.mandatory &&
	          cmd.getOptionValue(anOption.attributeName()) === undefined
	        ) {
	          cmd.missingMandatoryOptionValue(anOption);
	        }
	      });
	    });
	  }

	  /**
	   * Display an error message if conflicting options are used together in this.
	   *
	   * @private
	   */
	  _checkForConflictingLocalOptions() {
	    const definedNonDefaultOptions = this.options.filter((option) => {
	      const optionKey = option.attributeName();
	      if (this.getOptionValue(optionKey) === undefined) {
	        return false;
	      }
	      return this.getOptionValueSource(optionKey) !== 'default';
	    });

	    const optionsWithConflicting = definedNonDefaultOptions.filter(
	      (option) => option.conflictsWith.length > 0,
	    );

	    optionsWithConflicting.forEach((option) => {
	      const conflictingAndDefined = definedNonDefaultOptions.find((defined) =>
	        option.conflictsWith.includes(defined.attributeName()),
	      );
	      if (conflictingAndDefined) {
	        this._conflictingOption(option, conflictingAndDefined);
	      }
	    });
	  }

	  /**
	   * Display an error message if conflicting options are used together.
	   * Called after checking for help flags in leaf subcommand.
	   *
	   * @private
	   */
	  _checkForConflictingOptions() {
	    // Walk up hierarchy so can call in subcommand after checking for displaying help.
	    this._getCommandAndAncestors().forEach((cmd) => {
	      cmd._checkForConflictingLocalOptions();
	    });
	  }

	  /**
	   * Parse options from `argv` removing known options,
	   * and return argv split into operands and unknown arguments.
	   *
	   * Side effects: modifies command by storing options. Does not reset state if called again.
	   *
	   * Examples:
	   *
	   *     argv => operands, unknown
	   *     --known kkk op => [op], []
	   *     op --known kkk => [op], []
	   *     sub --unknown uuu op => [sub], [--unknown uuu op]
	   *     sub -- --unknown uuu op => [sub --unknown uuu op], []
	   *
	   * @param {string[]} args
	   * @return {{operands: string[], unknown: string[]}}
	   */

	  parseOptions(args) {
	    const operands = []; // operands, not options or values
	    const unknown = []; // first unknown option and remaining unknown args
	    let dest = operands;

	    function maybeOption(arg) {
	      return arg.length > 1 && arg[0] === '-';
	    }

	    const negativeNumberArg = (arg) => {
	      // return false if not a negative number
	      if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
	      // negative number is ok unless digit used as an option in command hierarchy
	      return !this._getCommandAndAncestors().some((cmd) =>
	        cmd.options
	          .map((opt) => opt.short)
	          .some((short) => /^-\d$/.test(short)),
	      );
	    };

	    // parse options
	    let activeVariadicOption = null;
	    let activeGroup = null; // working through group of short options, like -abc
	    let i = 0;
	    while (i < args.length || activeGroup) {
	      const arg = activeGroup ?? args[i++];
	      activeGroup = null;

	      // literal
	      if (arg === '--') {
	        if (dest === unknown) dest.push(arg);
	        dest.push(...args.slice(i));
	        break;
	      }

	      if (
	        activeVariadicOption &&
	        (!maybeOption(arg) || negativeNumberArg(arg))
	      ) {
	        this.emit(`option:${activeVariadicOption.name()}`, arg);
	        continue;
	      }
	      activeVariadicOption = null;

	      if (maybeOption(arg)) {
	        const option = this._findOption(arg);
	        // recognised option, call listener to assign value with possible custom processing
	        if (option) {
	          if (option.required) {
	            const value = args[i++];
	            if (value === undefined) this.optionMissingArgument(option);
	            this.emit(`option:${option.name()}`, value);
	          } else if (option.optional) {
	            let value = null;
	            // historical behaviour is optional value is following arg unless an option
	            if (
	              i < args.length &&
	              (!maybeOption(args[i]) || negativeNumberArg(args[i]))
	            ) {
	              value = args[i++];
	            }
	            this.emit(`option:${option.name()}`, value);
	          } else {
	            // boolean flag
	            this.emit(`option:${option.name()}`);
	          }
	          activeVariadicOption = option.variadic ? option : null;
	          continue;
	        }
	      }

	      // Look for combo options following single dash, eat first one if known.
	      if (arg.length > 2 && arg[0] === '-' && arg[1] !== '-') {
	        const option = this._findOption(`-${arg[1]}`);
	        if (option) {
	          if (
	            option.required ||
	            (option.optional && this._combineFlagAndOptionalValue)
	          ) {
	            // option with value following in same argument
	            this.emit(`option:${option.name()}`, arg.slice(2));
	          } else {
	            // boolean option
	            this.emit(`option:${option.name()}`);
	            // remove the processed option and keep processing group
	            activeGroup = `-${arg.slice(2)}`;
	          }
	          continue;
	        }
	      }

	      // Look for known long flag with value, like --foo=bar
	      if (/^--[^=]+=/.test(arg)) {
	        const index = arg.indexOf('=');
	        const option = this._findOption(arg.slice(0, index));
	        if (option && (option.required || option.optional)) {
	          this.emit(`option:${option.name()}`, arg.slice(index + 1));
	          continue;
	        }
	      }

	      // Not a recognised option by this command.
	      // Might be a command-argument, or subcommand option, or unknown option, or help command or option.

	      // An unknown option means further arguments also classified as unknown so can be reprocessed by subcommands.
	      // A negative number in a leaf command is not an unknown option.
	      if (
	        dest === operands &&
	        maybeOption(arg) &&
	        !(this.commands.length === 0 && negativeNumberArg(arg))
	      ) {
	        dest = unknown;
	      }

	      // If using positionalOptions, stop processing our options at subcommand.
	      if (
	        (this._enablePositionalOptions || this._passThroughOptions) &&
	        operands.length === 0 &&
	        unknown.length === 0
	      ) {
	        if (this._findCommand(arg)) {
	          operands.push(arg);
	          unknown.push(...args.slice(i));
	          break;
	        } else if (
	          this._getHelpCommand() &&
	          arg === this._getHelpCommand().name()
	        ) {
	          operands.push(arg, ...args.slice(i));
	          break;
	        } else if (this._defaultCommandName) {
	          unknown.push(arg, ...args.slice(i));
	          break;
	        }
	      }

	      // If using passThroughOptions, stop processing options at first command-argument.
	      if (this._passThroughOptions) {
	        dest.push(arg, ...args.slice(i));
	        break;
	      }

	      // add arg
	      dest.push(arg);
	    }

	    return { operands, unknown };
	  }

	  /**
	   * Return an object containing local option values as key-value pairs.
	   *
	   * @return {object}
	   */
	  opts() {
	    if (this._storeOptionsAsProperties) {
	      // Preserve original behaviour so backwards compatible when still using properties
	      const result = {};
	      const len = this.options.length;

	      for (let i = 0; i < len; i++) {
	        const key = this.options[i].attributeName();
	        result[key] =
	          key === this._versionOptionName ? this._version : this[key];
	      }
	      return result;
	    }

	    return this._optionValues;
	  }

	  /**
	   * Return an object containing merged local and global option values as key-value pairs.
	   *
	   * @return {object}
	   */
	  optsWithGlobals() {
	    // globals overwrite locals
	    return this._getCommandAndAncestors().reduce(
	      (combinedOptions, cmd) => Object.assign(combinedOptions, cmd.opts()),
	      {},
	    );
	  }

	  /**
	   * Display error message and exit (or call exitOverride).
	   *
	   * @param {string} message
	   * @param {object} [errorOptions]
	   * @param {string} [errorOptions.code] - an id string representing the error
	   * @param {number} [errorOptions.exitCode] - used with process.exit
	   */
	  error(message, errorOptions) {
	    // output handling
	    this._outputConfiguration.outputError(
	      `${message}\n`,
	      this._outputConfiguration.writeErr,
	    );
	    if (typeof this._showHelpAfterError === 'string') {
	      this._outputConfiguration.writeErr(`${this._showHelpAfterError}\n`);
	    } else if (this._showHelpAfterError) {
	      this._outputConfiguration.writeErr('\n');
	      this.outputHelp({ error: true });
	    }

	    // exit handling
	    const config = errorOptions || {};
	    const exitCode = config.exitCode || 1;
	    const code = config.code || 'commander.error';
	    this._exit(exitCode, code, message);
	  }

	  /**
	   * Apply any option related environment variables, if option does
	   * not have a value from cli or client code.
	   *
	   * @private
	   */
	  _parseOptionsEnv() {
	    this.options.forEach((option) => {
	      if (option.envVar && option.envVar in process.env) {
	        const optionKey = option.attributeName();
	        // Priority check. Do not overwrite cli or options from unknown source (client-code).
	        if (
	          this.getOptionValue(optionKey) === undefined ||
	          ['default', 'config', 'env'].includes(
	            this.getOptionValueSource(optionKey),
	          )
	        ) {
	          if (option.required || option.optional) {
	            // option can take a value
	            // keep very simple, optional always takes value
	            this.emit(`optionEnv:${option.name()}`, process.env[option.envVar]);
	          } else {
	            // boolean
	            // keep very simple, only care that envVar defined and not the value
	            this.emit(`optionEnv:${option.name()}`);
	          }
	        }
	      }
	    });
	  }

	  /**
	   * Apply any implied option values, if option is undefined or default value.
	   *
	   * @private
	   */
	  _parseOptionsImplied() {
	    const dualHelper = new DualOptions(this.options);
	    const hasCustomOptionValue = (optionKey) => {
	      return (
	        this.getOptionValue(optionKey) !== undefined &&
	        !['default', 'implied'].includes(this.getOptionValueSource(optionKey))
	      );
	    };
	    this.options
	      .filter(
	        (option) =>
	          option.implied !== undefined &&
	          hasCustomOptionValue(option.attributeName()) &&
	          dualHelper.valueFromOption(
	            this.getOptionValue(option.attributeName()),
	            option,
	          ),
	      )
	      .forEach((option) => {
	        Object.keys(option.implied)
	          .filter((impliedKey) => !hasCustomOptionValue(impliedKey))
	          .forEach((impliedKey) => {
	            this.setOptionValueWithSource(
	              impliedKey,
	              option.implied[impliedKey],
	              'implied',
	            );
	          });
	      });
	  }

	  /**
	   * Argument `name` is missing.
	   *
	   * @param {string} name
	   * @private
	   */

	  missingArgument(name) {
	    const message = `error: missing required argument '${name}'`;
	    this.error(message, { code: 'commander.missingArgument' });
	  }

	  /**
	   * `Option` is missing an argument.
	   *
	   * @param {Option} option
	   * @private
	   */

	  optionMissingArgument(option) {
	    const message = `error: option '${option.flags}' argument missing`;
	    this.error(message, { code: 'commander.optionMissingArgument' });
	  }

	  /**
	   * `Option` does not have a value, and is a mandatory option.
	   *
	   * @param {Option} option
	   * @private
	   */

	  missingMandatoryOptionValue(option) {
	    const message = `error: required option '${option.flags}' not specified`;
	    this.error(message, { code: 'commander.missingMandatoryOptionValue' });
	  }

	  /**
	   * `Option` conflicts with another option.
	   *
	   * @param {Option} option
	   * @param {Option} conflictingOption
	   * @private
	   */
	  _conflictingOption(option, conflictingOption) {
	    // The calling code does not know whether a negated option is the source of the
	    // value, so do some work to take an educated guess.
	    const findBestOptionFromValue = (option) => {
	      const optionKey = option.attributeName();
	      const optionValue = this.getOptionValue(optionKey);
	      const negativeOption = this.options.find(
	        (target) => target.negate && optionKey === target.attributeName(),
	      );
	      const positiveOption = this.options.find(
	        (target) => !target.negate && optionKey === target.attributeName(),
	      );
	      if (
	        negativeOption &&
	        ((negativeOption.presetArg === undefined && optionValue === false) ||
	          (negativeOption.presetArg !== undefined &&
	            optionValue === negativeOption.presetArg))
	      ) {
	        return negativeOption;
	      }
	      return positiveOption || option;
	    };

	    const getErrorMessage = (option) => {
	      const bestOption = findBestOptionFromValue(option);
	      const optionKey = bestOption.attributeName();
	      const source = this.getOptionValueSource(optionKey);
	      if (source === 'env') {
	        return `environment variable '${bestOption.envVar}'`;
	      }
	      return `option '${bestOption.flags}'`;
	    };

	    const message = `error: ${getErrorMessage(option)} cannot be used with ${getErrorMessage(conflictingOption)}`;
	    this.error(message, { code: 'commander.conflictingOption' });
	  }

	  /**
	   * Unknown option `flag`.
	   *
	   * @param {string} flag
	   * @private
	   */

	  unknownOption(flag) {
	    if (this._allowUnknownOption) return;
	    let suggestion = '';

	    if (flag.startsWith('--') && this._showSuggestionAfterError) {
	      // Looping to pick up the global options too
	      let candidateFlags = [];
	      // eslint-disable-next-line @typescript-eslint/no-this-alias
	      let command = this;
	      do {
	        const moreFlags = command
	          .createHelp()
	          .visibleOptions(command)
	          .filter((option) => option.long)
	          .map((option) => option.long);
	        candidateFlags = candidateFlags.concat(moreFlags);
	        command = command.parent;
	      } while (command && !command._enablePositionalOptions);
	      suggestion = suggestSimilar(flag, candidateFlags);
	    }

	    const message = `error: unknown option '${flag}'${suggestion}`;
	    this.error(message, { code: 'commander.unknownOption' });
	  }

	  /**
	   * Excess arguments, more than expected.
	   *
	   * @param {string[]} receivedArgs
	   * @private
	   */

	  _excessArguments(receivedArgs) {
	    if (this._allowExcessArguments) return;

	    const expected = this.registeredArguments.length;
	    const s = expected === 1 ? '' : 's';
	    const forSubcommand = this.parent ? ` for '${this.name()}'` : '';
	    const message = `error: too many arguments${forSubcommand}. Expected ${expected} argument${s} but got ${receivedArgs.length}.`;
	    this.error(message, { code: 'commander.excessArguments' });
	  }

	  /**
	   * Unknown command.
	   *
	   * @private
	   */

	  unknownCommand() {
	    const unknownName = this.args[0];
	    let suggestion = '';

	    if (this._showSuggestionAfterError) {
	      const candidateNames = [];
	      this.createHelp()
	        .visibleCommands(this)
	        .forEach((command) => {
	          candidateNames.push(command.name());
	          // just visible alias
	          if (command.alias()) candidateNames.push(command.alias());
	        });
	      suggestion = suggestSimilar(unknownName, candidateNames);
	    }

	    const message = `error: unknown command '${unknownName}'${suggestion}`;
	    this.error(message, { code: 'commander.unknownCommand' });
	  }

	  /**
	   * Get or set the program version.
	   *
	   * This method auto-registers the "-V, --version" option which will print the version number.
	   *
	   * You can optionally supply the flags and description to override the defaults.
	   *
	   * @param {string} [str]
	   * @param {string} [flags]
	   * @param {string} [description]
	   * @return {(this | string | undefined)} `this` command for chaining, or version string if no arguments
	   */

	  version(str, flags, description) {
	    if (str === undefined) return this._version;
	    this._version = str;
	    flags = flags || '-V, --version';
	    description = description || 'output the version number';
	    const versionOption = this.createOption(flags, description);
	    this._versionOptionName = versionOption.attributeName();
	    this._registerOption(versionOption);

	    this.on('option:' + versionOption.name(), () => {
	      this._outputConfiguration.writeOut(`${str}\n`);
	      this._exit(0, 'commander.version', str);
	    });
	    return this;
	  }

	  /**
	   * Set the description.
	   *
	   * @param {string} [str]
	   * @param {object} [argsDescription]
	   * @return {(string|Command)}
	   */
	  description(str, argsDescription) {
	    if (str === undefined && argsDescription === undefined)
	      return this._description;
	    this._description = str;
	    if (argsDescription) {
	      this._argsDescription = argsDescription;
	    }
	    return this;
	  }

	  /**
	   * Set the summary. Used when listed as subcommand of parent.
	   *
	   * @param {string} [str]
	   * @return {(string|Command)}
	   */
	  summary(str) {
	    if (str === undefined) return this._summary;
	    this._summary = str;
	    return this;
	  }

	  /**
	   * Set an alias for the command.
	   *
	   * You may call more than once to add multiple aliases. Only the first alias is shown in the auto-generated help.
	   *
	   * @param {string} [alias]
	   * @return {(string|Command)}
	   */

	  alias(alias) {
	    if (alias === undefined) return this._aliases[0]; // just return first, for backwards compatibility

	    /** @type {Command} */
	    // eslint-disable-next-line @typescript-eslint/no-this-alias
	    let command = this;
	    if (
	      this.commands.length !== 0 &&
	      this.commands[this.commands.length - 1]._executableHandler
	    ) {
	      // assume adding alias for last added executable subcommand, rather than this
	      command = this.commands[this.commands.length - 1];
	    }

	    if (alias === command._name)
	      throw new Error("Command alias can't be the same as its name");
	    const matchingCommand = this.parent?._findCommand(alias);
	    if (matchingCommand) {
	      // c.f. _registerCommand
	      const existingCmd = [matchingCommand.name()]
	        .concat(matchingCommand.aliases())
	        .join('|');
	      throw new Error(
	        `cannot add alias '${alias}' to command '${this.name()}' as already have command '${existingCmd}'`,
	      );
	    }

	    command._aliases.push(alias);
	    return this;
	  }

	  /**
	   * Set aliases for the command.
	   *
	   * Only the first alias is shown in the auto-generated help.
	   *
	   * @param {string[]} [aliases]
	   * @return {(string[]|Command)}
	   */

	  aliases(aliases) {
	    // Getter for the array of aliases is the main reason for having aliases() in addition to alias().
	    if (aliases === undefined) return this._aliases;

	    aliases.forEach((alias) => this.alias(alias));
	    return this;
	  }

	  /**
	   * Set / get the command usage `str`.
	   *
	   * @param {string} [str]
	   * @return {(string|Command)}
	   */

	  usage(str) {
	    if (str === undefined) {
	      if (this._usage) return this._usage;

	      const args = this.registeredArguments.map((arg) => {
	        return humanReadableArgName(arg);
	      });
	      return []
	        .concat(
	          this.options.length || this._helpOption !== null ? '[options]' : [],
	          this.commands.length ? '[command]' : [],
	          this.registeredArguments.length ? args : [],
	        )
	        .join(' ');
	    }

	    this._usage = str;
	    return this;
	  }

	  /**
	   * Get or set the name of the command.
	   *
	   * @param {string} [str]
	   * @return {(string|Command)}
	   */

	  name(str) {
	    if (str === undefined) return this._name;
	    this._name = str;
	    return this;
	  }

	  /**
	   * Set/get the help group heading for this subcommand in parent command's help.
	   *
	   * @param {string} [heading]
	   * @return {Command | string}
	   */

	  helpGroup(heading) {
	    if (heading === undefined) return this._helpGroupHeading ?? '';
	    this._helpGroupHeading = heading;
	    return this;
	  }

	  /**
	   * Set/get the default help group heading for subcommands added to this command.
	   * (This does not override a group set directly on the subcommand using .helpGroup().)
	   *
	   * @example
	   * program.commandsGroup('Development Commands:);
	   * program.command('watch')...
	   * program.command('lint')...
	   * ...
	   *
	   * @param {string} [heading]
	   * @returns {Command | string}
	   */
	  commandsGroup(heading) {
	    if (heading === undefined) return this._defaultCommandGroup ?? '';
	    this._defaultCommandGroup = heading;
	    return this;
	  }

	  /**
	   * Set/get the default help group heading for options added to this command.
	   * (This does not override a group set directly on the option using .helpGroup().)
	   *
	   * @example
	   * program
	   *   .optionsGroup('Development Options:')
	   *   .option('-d, --debug', 'output extra debugging')
	   *   .option('-p, --profile', 'output profiling information')
	   *
	   * @param {string} [heading]
	   * @returns {Command | string}
	   */
	  optionsGroup(heading) {
	    if (heading === undefined) return this._defaultOptionGroup ?? '';
	    this._defaultOptionGroup = heading;
	    return this;
	  }

	  /**
	   * @param {Option} option
	   * @private
	   */
	  _initOptionGroup(option) {
	    if (this._defaultOptionGroup && !option.helpGroupHeading)
	      option.helpGroup(this._defaultOptionGroup);
	  }

	  /**
	   * @param {Command} cmd
	   * @private
	   */
	  _initCommandGroup(cmd) {
	    if (this._defaultCommandGroup && !cmd.helpGroup())
	      cmd.helpGroup(this._defaultCommandGroup);
	  }

	  /**
	   * Set the name of the command from script filename, such as process.argv[1],
	   * or require.main.filename, or __filename.
	   *
	   * (Used internally and public although not documented in README.)
	   *
	   * @example
	   * program.nameFromFilename(require.main.filename);
	   *
	   * @param {string} filename
	   * @return {Command}
	   */

	  nameFromFilename(filename) {
	    this._name = path$1.basename(filename, path$1.extname(filename));

	    return this;
	  }

	  /**
	   * Get or set the directory for searching for executable subcommands of this command.
	   *
	   * @example
	   * program.executableDir(__dirname);
	   * // or
	   * program.executableDir('subcommands');
	   *
	   * @param {string} [path]
	   * @return {(string|null|Command)}
	   */

	  executableDir(path) {
	    if (path === undefined) return this._executableDir;
	    this._executableDir = path;
	    return this;
	  }

	  /**
	   * Return program help documentation.
	   *
	   * @param {{ error: boolean }} [contextOptions] - pass {error:true} to wrap for stderr instead of stdout
	   * @return {string}
	   */

	  helpInformation(contextOptions) {
	    const helper = this.createHelp();
	    const context = this._getOutputContext(contextOptions);
	    helper.prepareContext({
	      error: context.error,
	      helpWidth: context.helpWidth,
	      outputHasColors: context.hasColors,
	    });
	    const text = helper.formatHelp(this, helper);
	    if (context.hasColors) return text;
	    return this._outputConfiguration.stripColor(text);
	  }

	  /**
	   * @typedef HelpContext
	   * @type {object}
	   * @property {boolean} error
	   * @property {number} helpWidth
	   * @property {boolean} hasColors
	   * @property {function} write - includes stripColor if needed
	   *
	   * @returns {HelpContext}
	   * @private
	   */

	  _getOutputContext(contextOptions) {
	    contextOptions = contextOptions || {};
	    const error = !!contextOptions.error;
	    let baseWrite;
	    let hasColors;
	    let helpWidth;
	    if (error) {
	      baseWrite = (str) => this._outputConfiguration.writeErr(str);
	      hasColors = this._outputConfiguration.getErrHasColors();
	      helpWidth = this._outputConfiguration.getErrHelpWidth();
	    } else {
	      baseWrite = (str) => this._outputConfiguration.writeOut(str);
	      hasColors = this._outputConfiguration.getOutHasColors();
	      helpWidth = this._outputConfiguration.getOutHelpWidth();
	    }
	    const write = (str) => {
	      if (!hasColors) str = this._outputConfiguration.stripColor(str);
	      return baseWrite(str);
	    };
	    return { error, write, hasColors, helpWidth };
	  }

	  /**
	   * Output help information for this command.
	   *
	   * Outputs built-in help, and custom text added using `.addHelpText()`.
	   *
	   * @param {{ error: boolean } | Function} [contextOptions] - pass {error:true} to write to stderr instead of stdout
	   */

	  outputHelp(contextOptions) {
	    let deprecatedCallback;
	    if (typeof contextOptions === 'function') {
	      deprecatedCallback = contextOptions;
	      contextOptions = undefined;
	    }

	    const outputContext = this._getOutputContext(contextOptions);
	    /** @type {HelpTextEventContext} */
	    const eventContext = {
	      error: outputContext.error,
	      write: outputContext.write,
	      command: this,
	    };

	    this._getCommandAndAncestors()
	      .reverse()
	      .forEach((command) => command.emit('beforeAllHelp', eventContext));
	    this.emit('beforeHelp', eventContext);

	    let helpInformation = this.helpInformation({ error: outputContext.error });
	    if (deprecatedCallback) {
	      helpInformation = deprecatedCallback(helpInformation);
	      if (
	        typeof helpInformation !== 'string' &&
	        !Buffer.isBuffer(helpInformation)
	      ) {
	        throw new Error('outputHelp callback must return a string or a Buffer');
	      }
	    }
	    outputContext.write(helpInformation);

	    if (this._getHelpOption()?.long) {
	      this.emit(this._getHelpOption().long); // deprecated
	    }
	    this.emit('afterHelp', eventContext);
	    this._getCommandAndAncestors().forEach((command) =>
	      command.emit('afterAllHelp', eventContext),
	    );
	  }

	  /**
	   * You can pass in flags and a description to customise the built-in help option.
	   * Pass in false to disable the built-in help option.
	   *
	   * @example
	   * program.helpOption('-?, --help' 'show help'); // customise
	   * program.helpOption(false); // disable
	   *
	   * @param {(string | boolean)} flags
	   * @param {string} [description]
	   * @return {Command} `this` command for chaining
	   */

	  helpOption(flags, description) {
	    // Support enabling/disabling built-in help option.
	    if (typeof flags === 'boolean') {
	      if (flags) {
	        if (this._helpOption === null) this._helpOption = undefined; // reenable
	        if (this._defaultOptionGroup) {
	          // make the option to store the group
	          this._initOptionGroup(this._getHelpOption());
	        }
	      } else {
	        this._helpOption = null; // disable
	      }
	      return this;
	    }

	    // Customise flags and description.
	    this._helpOption = this.createOption(
	      flags ?? '-h, --help',
	      description ?? 'display help for command',
	    );
	    // init group unless lazy create
	    if (flags || description) this._initOptionGroup(this._helpOption);

	    return this;
	  }

	  /**
	   * Lazy create help option.
	   * Returns null if has been disabled with .helpOption(false).
	   *
	   * @returns {(Option | null)} the help option
	   * @package
	   */
	  _getHelpOption() {
	    // Lazy create help option on demand.
	    if (this._helpOption === undefined) {
	      this.helpOption(undefined, undefined);
	    }
	    return this._helpOption;
	  }

	  /**
	   * Supply your own option to use for the built-in help option.
	   * This is an alternative to using helpOption() to customise the flags and description etc.
	   *
	   * @param {Option} option
	   * @return {Command} `this` command for chaining
	   */
	  addHelpOption(option) {
	    this._helpOption = option;
	    this._initOptionGroup(option);
	    return this;
	  }

	  /**
	   * Output help information and exit.
	   *
	   * Outputs built-in help, and custom text added using `.addHelpText()`.
	   *
	   * @param {{ error: boolean }} [contextOptions] - pass {error:true} to write to stderr instead of stdout
	   */

	  help(contextOptions) {
	    this.outputHelp(contextOptions);
	    let exitCode = Number(process.exitCode ?? 0); // process.exitCode does allow a string or an integer, but we prefer just a number
	    if (
	      exitCode === 0 &&
	      contextOptions &&
	      typeof contextOptions !== 'function' &&
	      contextOptions.error
	    ) {
	      exitCode = 1;
	    }
	    // message: do not have all displayed text available so only passing placeholder.
	    this._exit(exitCode, 'commander.help', '(outputHelp)');
	  }

	  /**
	   * // Do a little typing to coordinate emit and listener for the help text events.
	   * @typedef HelpTextEventContext
	   * @type {object}
	   * @property {boolean} error
	   * @property {Command} command
	   * @property {function} write
	   */

	  /**
	   * Add additional text to be displayed with the built-in help.
	   *
	   * Position is 'before' or 'after' to affect just this command,
	   * and 'beforeAll' or 'afterAll' to affect this command and all its subcommands.
	   *
	   * @param {string} position - before or after built-in help
	   * @param {(string | Function)} text - string to add, or a function returning a string
	   * @return {Command} `this` command for chaining
	   */

	  addHelpText(position, text) {
	    const allowedValues = ['beforeAll', 'before', 'after', 'afterAll'];
	    if (!allowedValues.includes(position)) {
	      throw new Error(`Unexpected value for position to addHelpText.
Expecting one of '${allowedValues.join("', '")}'`);
	    }

	    const helpEvent = `${position}Help`;
	    this.on(helpEvent, (/** @type {HelpTextEventContext} */ context) => {
	      let helpStr;
	      if (typeof text === 'function') {
	        helpStr = text({ error: context.error, command: context.command });
	      } else {
	        helpStr = text;
	      }
	      // Ignore falsy value when nothing to output.
	      if (helpStr) {
	        context.write(`${helpStr}\n`);
	      }
	    });
	    return this;
	  }

	  /**
	   * Output help information if help flags specified
	   *
	   * @param {Array} args - array of options to search for help flags
	   * @private
	   */

	  _outputHelpIfRequested(args) {
	    const helpOption = this._getHelpOption();
	    const helpRequested = helpOption && args.find((arg) => helpOption.is(arg));
	    if (helpRequested) {
	      this.outputHelp();
	      // (Do not have all displayed text available so only passing placeholder.)
	      this._exit(0, 'commander.helpDisplayed', '(outputHelp)');
	    }
	  }
	}

	/**
	 * Scan arguments and increment port number for inspect calls (to avoid conflicts when spawning new command).
	 *
	 * @param {string[]} args - array of arguments from node.execArgv
	 * @returns {string[]}
	 * @private
	 */

	function incrementNodeInspectorPort(args) {
	  // Testing for these options:
	  //  --inspect[=[host:]port]
	  //  --inspect-brk[=[host:]port]
	  //  --inspect-port=[host:]port
	  return args.map((arg) => {
	    if (!arg.startsWith('--inspect')) {
	      return arg;
	    }
	    let debugOption;
	    let debugHost = '127.0.0.1';
	    let debugPort = '9229';
	    let match;
	    if ((match = arg.match(/^(--inspect(-brk)?)$/)) !== null) {
	      // e.g. --inspect
	      debugOption = match[1];
	    } else if (
	      (match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+)$/)) !== null
	    ) {
	      debugOption = match[1];
	      if (/^\d+$/.test(match[3])) {
	        // e.g. --inspect=1234
	        debugPort = match[3];
	      } else {
	        // e.g. --inspect=localhost
	        debugHost = match[3];
	      }
	    } else if (
	      (match = arg.match(/^(--inspect(-brk|-port)?)=([^:]+):(\d+)$/)) !== null
	    ) {
	      // e.g. --inspect=localhost:1234
	      debugOption = match[1];
	      debugHost = match[3];
	      debugPort = match[4];
	    }

	    if (debugOption && debugPort !== '0') {
	      return `${debugOption}=${debugHost}:${parseInt(debugPort) + 1}`;
	    }
	    return arg;
	  });
	}

	/**
	 * @returns {boolean | undefined}
	 * @package
	 */
	function useColor() {
	  // Test for common conventions.
	  // NB: the observed behaviour is in combination with how author adds color! For example:
	  //   - we do not test NODE_DISABLE_COLORS, but util:styletext does
	  //   - we do test NO_COLOR, but Chalk does not
	  //
	  // References:
	  // https://no-color.org
	  // https://bixense.com/clicolors/
	  // https://github.com/nodejs/node/blob/0a00217a5f67ef4a22384cfc80eb6dd9a917fdc1/lib/internal/tty.js#L109
	  // https://github.com/chalk/supports-color/blob/c214314a14bcb174b12b3014b2b0a8de375029ae/index.js#L33
	  // (https://force-color.org recent web page from 2023, does not match major javascript implementations)

	  if (
	    process.env.NO_COLOR ||
	    process.env.FORCE_COLOR === '0' ||
	    process.env.FORCE_COLOR === 'false'
	  )
	    return false;
	  if (process.env.FORCE_COLOR || process.env.CLICOLOR_FORCE !== undefined)
	    return true;
	  return undefined;
	}

	command.Command = Command;
	command.useColor = useColor; // exporting for tests
	return command;
}

var hasRequiredCommander;

function requireCommander () {
	if (hasRequiredCommander) return commander$1;
	hasRequiredCommander = 1;
	const { Argument } = requireArgument();
	const { Command } = requireCommand();
	const { CommanderError, InvalidArgumentError } = requireError();
	const { Help } = requireHelp();
	const { Option } = requireOption();

	commander$1.program = new Command();

	commander$1.createCommand = (name) => new Command(name);
	commander$1.createOption = (flags, description) => new Option(flags, description);
	commander$1.createArgument = (name, description) => new Argument(name, description);

	/**
	 * Expose classes
	 */

	commander$1.Command = Command;
	commander$1.Option = Option;
	commander$1.Argument = Argument;
	commander$1.Help = Help;

	commander$1.CommanderError = CommanderError;
	commander$1.InvalidArgumentError = InvalidArgumentError;
	commander$1.InvalidOptionArgumentError = InvalidArgumentError; // Deprecated
	return commander$1;
}

var commanderExports = requireCommander();
var commander = /*@__PURE__*/getDefaultExportFromCjs(commanderExports);

// wrapper to provide named exports for ESM.
const {
  program,
  createCommand,
  createArgument,
  createOption,
  CommanderError,
  InvalidArgumentError,
  InvalidOptionArgumentError, // deprecated old name
  Command,
  Argument,
  Option,
  Help,
} = commander;

const EXIT = {
  OK: 0,
  OPERATION_FAILED: 1,
  INVALID: 2,
  BACKEND: 4};
class ShiplogError extends Error {
  code = "SHIPLOG_ERROR";
  exitCode = EXIT.OPERATION_FAILED;
  hint;
  problems;
  constructor(message, opts = {}) {
    super(oneLine(message), opts.cause === void 0 ? void 0 : { cause: opts.cause });
    this.name = new.target.name;
    this.hint = opts.hint;
    this.problems = opts.problems;
  }
  toJSON() {
    return {
      code: this.code,
      message: this.message,
      exitCode: this.exitCode,
      ...this.hint ? { hint: this.hint } : {},
      ...this.problems && this.problems.length > 1 ? { problems: this.problems } : {}
    };
  }
}
class UsageError extends ShiplogError {
  code = "USAGE";
  exitCode = EXIT.INVALID;
}
class InvalidInputError extends ShiplogError {
  code = "INVALID_INPUT";
  exitCode = EXIT.INVALID;
  /** Builds one error that names every problem found. */
  static of(problems, hint) {
    const msg = problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.join("; ")}`;
    return new InvalidInputError(msg, { hint, problems });
  }
}
class ConfigError extends ShiplogError {
  code = "CONFIG";
  exitCode = EXIT.INVALID;
}
class SchemaVersionError extends ConfigError {
  code = "STORE_SCHEMA";
}
class NotFoundError extends InvalidInputError {
  code = "NOT_FOUND";
}
class OperationFailedError extends ShiplogError {
  code = "OPERATION_FAILED";
  exitCode = EXIT.OPERATION_FAILED;
}
class DeploymentFailedError extends OperationFailedError {
  code = "DEPLOY_FAILED";
}
class ApprovalRequiredError extends OperationFailedError {
  code = "APPROVAL_REQUIRED";
}
class ApprovalRejectedError extends OperationFailedError {
  code = "APPROVAL_REJECTED";
}
class BackendError extends ShiplogError {
  code = "BACKEND";
  exitCode = EXIT.BACKEND;
  status;
  constructor(message, opts = {}) {
    super(message, opts);
    this.status = opts.status;
  }
}
class StoreLockedError extends BackendError {
  code = "STORE_LOCKED";
}
class InternalError extends ShiplogError {
  code = "INTERNAL";
  exitCode = EXIT.OPERATION_FAILED;
}
function toShiplogError(err) {
  if (err instanceof ShiplogError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  return new InternalError(`internal error, please report: ${detail}`, { cause: err, hint: "rerun with --debug for the stack trace" });
}
function oneLine(s) {
  return s.replace(/\s*\n\s*/g, " ").trim();
}

function selectBackend(opts) {
  if (opts.backend) return opts.backend;
  return opts.dhurl ? "ortelius" : "local";
}
function stateDirOf(host, opts) {
  return path.resolve(host.cwd, opts.stateDir || ".shiplog");
}
async function openBackend(host, opts) {
  const kind = selectBackend(opts);
  if (kind === "local") {
    const { openLocalBackend } = await Promise.resolve().then(function () { return index; });
    return openLocalBackend(host, { stateDir: stateDirOf(host, opts) });
  }
  const problems = [];
  if (!opts.dhurl) problems.push("--dhurl (or DHURL)");
  if (!opts.dhuser) problems.push("--dhuser (or DHUSER)");
  if (!opts.dhpass) problems.push("DHPASS (or --dhpass)");
  if (problems.length > 0) {
    throw new UsageError(`the ortelius backend needs ${problems.join(", ")}`, {
      hint: "set DHURL, DHUSER and DHPASS in the environment, or use --backend local"
    });
  }
  return openOrtelius();
}
async function openOrtelius(host, opts) {
  throw new UsageError("the ortelius backend is not part of this build yet", { hint: "use --backend local" });
}

// https://www.appveyor.com/docs/environment-variables

var appveyor = {
  detect({ env }) {
    return Boolean(env.APPVEYOR);
  },
  configuration({ env }) {
    const pr = env.APPVEYOR_PULL_REQUEST_NUMBER;
    const isPr = Boolean(pr);

    return {
      name: "Appveyor",
      service: "appveyor",
      commit: env.APPVEYOR_REPO_COMMIT,
      tag: env.APPVEYOR_REPO_TAG_NAME,
      build: env.APPVEYOR_BUILD_NUMBER,
      buildUrl: `https://ci.appveyor.com/project/${env.APPVEYOR_PROJECT_SLUG}/build/${env.APPVEYOR_BUILD_VERSION}`,
      branch: env.APPVEYOR_REPO_BRANCH,
      job: env.APPVEYOR_JOB_NUMBER,
      jobUrl: `https://ci.appveyor.com/project/${env.APPVEYOR_PROJECT_SLUG}/build/job/${env.APPVEYOR_JOB_ID}`,
      pr,
      isPr,
      prBranch: env.APPVEYOR_PULL_REQUEST_HEAD_REPO_BRANCH,
      slug: env.APPVEYOR_REPO_NAME,
      root: env.APPVEYOR_BUILD_FOLDER,
    };
  },
};

function prNumber(pr) {
  return (/\d+(?!.*\d+)/.exec(pr) || [])[0];
}

function parseBranch(branch) {
  return branch
    ? /^(?:refs\/heads\/)?(?<branch>.+)$/i.exec(branch)[1]
    : undefined;
}

// https://docs.microsoft.com/en-us/azure/devops/pipelines/build/variables
// The docs indicate that SYSTEM_PULLREQUEST_SOURCEBRANCH and SYSTEM_PULLREQUEST_TARGETBRANCH are in the long format (e.g `refs/heads/master`) however tests show they are both in the short format (e.g. `master`)

var azurePipelines = {
  detect({ env }) {
    return Boolean(env.BUILD_BUILDURI);
  },
  configuration({ env }) {
    const pr = env.SYSTEM_PULLREQUEST_PULLREQUESTID;
    const isPr = Boolean(pr);

    return {
      name: "Azure Pipelines",
      service: "azurePipelines",
      commit: env.BUILD_SOURCEVERSION,
      build: env.BUILD_BUILDNUMBER,
      branch: parseBranch(
        isPr ? env.SYSTEM_PULLREQUEST_TARGETBRANCH : env.BUILD_SOURCEBRANCH,
      ),
      pr,
      isPr,
      prBranch: parseBranch(
        isPr ? env.SYSTEM_PULLREQUEST_SOURCEBRANCH : undefined,
      ),
      root: env.BUILD_REPOSITORY_LOCALPATH,
    };
  },
};

// https://confluence.atlassian.com/bamboo/bamboo-variables-289277087.html

var bamboo = {
  detect({ env }) {
    return Boolean(env.bamboo_agentId);
  },
  configuration({ env }) {
    return {
      name: "Bamboo",
      service: "bamboo",
      commit: env.bamboo_planRepository_1_revision,
      build: env.bamboo_buildNumber,
      buildUrl: env.bamboo_buildResultsUrl,
      branch: env.bamboo_planRepository_1_branchName,
      job: env.bamboo_buildKey,
      root: env.bamboo_build_working_directory,
    };
  },
};

// https://confluence.atlassian.com/bitbucket/environment-variables-794502608.html

var bitbucket = {
  detect({ env }) {
    return Boolean(env.BITBUCKET_BUILD_NUMBER);
  },
  configuration({ env }) {
    return {
      name: "Bitbucket Pipelines",
      service: "bitbucket",
      commit: env.BITBUCKET_COMMIT,
      tag: env.BITBUCKET_TAG,
      build: env.BITBUCKET_BUILD_NUMBER,
      buildUrl: `https://bitbucket.org/${env.BITBUCKET_REPO_FULL_NAME}/addon/pipelines/home#!/results/${env.BITBUCKET_BUILD_NUMBER}`,
      branch: env.BITBUCKET_BRANCH,
      slug: env.BITBUCKET_REPO_FULL_NAME,
      root: env.BITBUCKET_CLONE_DIR,
    };
  },
};

// https://devcenter.bitrise.io/builds/available-environment-variables/#exposed-by-bitriseio

var bitrise = {
  detect({ env }) {
    return Boolean(env.BITRISE_IO);
  },
  configuration({ env }) {
    const pr =
      env.BITRISE_PULL_REQUEST === "false"
        ? undefined
        : env.BITRISE_PULL_REQUEST;
    const isPr = Boolean(pr);

    return {
      name: "Bitrise",
      service: "bitrise",
      commit: env.BITRISE_GIT_COMMIT,
      tag: env.BITRISE_GIT_TAG,
      build: env.BITRISE_BUILD_NUMBER,
      buildUrl: env.BITRISE_BUILD_URL,
      branch: isPr ? env.BITRISEIO_GIT_BRANCH_DEST : env.BITRISE_GIT_BRANCH,
      pr,
      isPr,
      prBranch: isPr ? env.BITRISE_GIT_BRANCH : undefined,
      slug: env.BITRISE_APP_SLUG,
    };
  },
};

// https://buddy.works/knowledge/deployments/how-use-environment-variables#default-environment-variables


var buddy = {
  detect({ env }) {
    return Boolean(env.BUDDY_WORKSPACE_ID);
  },
  configuration({ env }) {
    const pr = prNumber(env.BUDDY_EXECUTION_PULL_REQUEST_ID);
    const isPr = Boolean(pr);

    return {
      name: "Buddy",
      service: "buddy",
      commit: env.BUDDY_EXECUTION_REVISION,
      tag: env.BUDDY_EXECUTION_TAG,
      build: env.BUDDY_EXECUTION_ID,
      buildUrl: env.BUDDY_EXECUTION_URL,
      branch: isPr
        ? env.BUDDY_EXECUTION_PULL_REQUEST_HEAD_BRANCH
        : env.BUDDY_EXECUTION_BRANCH,
      pr,
      isPr,
      slug: env.BUDDY_REPO_SLUG,
    };
  },
};

var crossSpawn$1 = {exports: {}};

var windows;
var hasRequiredWindows;

function requireWindows () {
	if (hasRequiredWindows) return windows;
	hasRequiredWindows = 1;
	windows = isexe;
	isexe.sync = sync;

	var fs = require$$0$1;

	function checkPathExt (path, options) {
	  var pathext = options.pathExt !== undefined ?
	    options.pathExt : process.env.PATHEXT;

	  if (!pathext) {
	    return true
	  }

	  pathext = pathext.split(';');
	  if (pathext.indexOf('') !== -1) {
	    return true
	  }
	  for (var i = 0; i < pathext.length; i++) {
	    var p = pathext[i].toLowerCase();
	    if (p && path.substr(-p.length).toLowerCase() === p) {
	      return true
	    }
	  }
	  return false
	}

	function checkStat (stat, path, options) {
	  if (!stat.isSymbolicLink() && !stat.isFile()) {
	    return false
	  }
	  return checkPathExt(path, options)
	}

	function isexe (path, options, cb) {
	  fs.stat(path, function (er, stat) {
	    cb(er, er ? false : checkStat(stat, path, options));
	  });
	}

	function sync (path, options) {
	  return checkStat(fs.statSync(path), path, options)
	}
	return windows;
}

var mode;
var hasRequiredMode;

function requireMode () {
	if (hasRequiredMode) return mode;
	hasRequiredMode = 1;
	mode = isexe;
	isexe.sync = sync;

	var fs = require$$0$1;

	function isexe (path, options, cb) {
	  fs.stat(path, function (er, stat) {
	    cb(er, er ? false : checkStat(stat, options));
	  });
	}

	function sync (path, options) {
	  return checkStat(fs.statSync(path), options)
	}

	function checkStat (stat, options) {
	  return stat.isFile() && checkMode(stat, options)
	}

	function checkMode (stat, options) {
	  var mod = stat.mode;
	  var uid = stat.uid;
	  var gid = stat.gid;

	  var myUid = options.uid !== undefined ?
	    options.uid : process.getuid && process.getuid();
	  var myGid = options.gid !== undefined ?
	    options.gid : process.getgid && process.getgid();

	  var u = parseInt('100', 8);
	  var g = parseInt('010', 8);
	  var o = parseInt('001', 8);
	  var ug = u | g;

	  var ret = (mod & o) ||
	    (mod & g) && gid === myGid ||
	    (mod & u) && uid === myUid ||
	    (mod & ug) && myUid === 0;

	  return ret
	}
	return mode;
}

var isexe_1;
var hasRequiredIsexe;

function requireIsexe () {
	if (hasRequiredIsexe) return isexe_1;
	hasRequiredIsexe = 1;
	var core;
	if (process.platform === 'win32' || commonjsGlobal.TESTING_WINDOWS) {
	  core = requireWindows();
	} else {
	  core = requireMode();
	}

	isexe_1 = isexe;
	isexe.sync = sync;

	function isexe (path, options, cb) {
	  if (typeof options === 'function') {
	    cb = options;
	    options = {};
	  }

	  if (!cb) {
	    if (typeof Promise !== 'function') {
	      throw new TypeError('callback not provided')
	    }

	    return new Promise(function (resolve, reject) {
	      isexe(path, options || {}, function (er, is) {
	        if (er) {
	          reject(er);
	        } else {
	          resolve(is);
	        }
	      });
	    })
	  }

	  core(path, options || {}, function (er, is) {
	    // ignore EACCES because that just means we aren't allowed to run it
	    if (er) {
	      if (er.code === 'EACCES' || options && options.ignoreErrors) {
	        er = null;
	        is = false;
	      }
	    }
	    cb(er, is);
	  });
	}

	function sync (path, options) {
	  // my kingdom for a filtered catch
	  try {
	    return core.sync(path, options || {})
	  } catch (er) {
	    if (options && options.ignoreErrors || er.code === 'EACCES') {
	      return false
	    } else {
	      throw er
	    }
	  }
	}
	return isexe_1;
}

var which_1;
var hasRequiredWhich;

function requireWhich () {
	if (hasRequiredWhich) return which_1;
	hasRequiredWhich = 1;
	const isWindows = process.platform === 'win32' ||
	    process.env.OSTYPE === 'cygwin' ||
	    process.env.OSTYPE === 'msys';

	const path = require$$0$2;
	const COLON = isWindows ? ';' : ':';
	const isexe = requireIsexe();

	const getNotFoundError = (cmd) =>
	  Object.assign(new Error(`not found: ${cmd}`), { code: 'ENOENT' });

	const getPathInfo = (cmd, opt) => {
	  const colon = opt.colon || COLON;

	  // If it has a slash, then we don't bother searching the pathenv.
	  // just check the file itself, and that's it.
	  const pathEnv = cmd.match(/\//) || isWindows && cmd.match(/\\/) ? ['']
	    : (
	      [
	        // windows always checks the cwd first
	        ...(isWindows ? [process.cwd()] : []),
	        ...(opt.path || process.env.PATH ||
	          /* istanbul ignore next: very unusual */ '').split(colon),
	      ]
	    );
	  const pathExtExe = isWindows
	    ? opt.pathExt || process.env.PATHEXT || '.EXE;.CMD;.BAT;.COM'
	    : '';
	  const pathExt = isWindows ? pathExtExe.split(colon) : [''];

	  if (isWindows) {
	    if (cmd.indexOf('.') !== -1 && pathExt[0] !== '')
	      pathExt.unshift('');
	  }

	  return {
	    pathEnv,
	    pathExt,
	    pathExtExe,
	  }
	};

	const which = (cmd, opt, cb) => {
	  if (typeof opt === 'function') {
	    cb = opt;
	    opt = {};
	  }
	  if (!opt)
	    opt = {};

	  const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
	  const found = [];

	  const step = i => new Promise((resolve, reject) => {
	    if (i === pathEnv.length)
	      return opt.all && found.length ? resolve(found)
	        : reject(getNotFoundError(cmd))

	    const ppRaw = pathEnv[i];
	    const pathPart = /^".*"$/.test(ppRaw) ? ppRaw.slice(1, -1) : ppRaw;

	    const pCmd = path.join(pathPart, cmd);
	    const p = !pathPart && /^\.[\\\/]/.test(cmd) ? cmd.slice(0, 2) + pCmd
	      : pCmd;

	    resolve(subStep(p, i, 0));
	  });

	  const subStep = (p, i, ii) => new Promise((resolve, reject) => {
	    if (ii === pathExt.length)
	      return resolve(step(i + 1))
	    const ext = pathExt[ii];
	    isexe(p + ext, { pathExt: pathExtExe }, (er, is) => {
	      if (!er && is) {
	        if (opt.all)
	          found.push(p + ext);
	        else
	          return resolve(p + ext)
	      }
	      return resolve(subStep(p, i, ii + 1))
	    });
	  });

	  return cb ? step(0).then(res => cb(null, res), cb) : step(0)
	};

	const whichSync = (cmd, opt) => {
	  opt = opt || {};

	  const { pathEnv, pathExt, pathExtExe } = getPathInfo(cmd, opt);
	  const found = [];

	  for (let i = 0; i < pathEnv.length; i ++) {
	    const ppRaw = pathEnv[i];
	    const pathPart = /^".*"$/.test(ppRaw) ? ppRaw.slice(1, -1) : ppRaw;

	    const pCmd = path.join(pathPart, cmd);
	    const p = !pathPart && /^\.[\\\/]/.test(cmd) ? cmd.slice(0, 2) + pCmd
	      : pCmd;

	    for (let j = 0; j < pathExt.length; j ++) {
	      const cur = p + pathExt[j];
	      try {
	        const is = isexe.sync(cur, { pathExt: pathExtExe });
	        if (is) {
	          if (opt.all)
	            found.push(cur);
	          else
	            return cur
	        }
	      } catch (ex) {}
	    }
	  }

	  if (opt.all && found.length)
	    return found

	  if (opt.nothrow)
	    return null

	  throw getNotFoundError(cmd)
	};

	which_1 = which;
	which.sync = whichSync;
	return which_1;
}

var pathKey$1 = {exports: {}};

var hasRequiredPathKey;

function requirePathKey () {
	if (hasRequiredPathKey) return pathKey$1.exports;
	hasRequiredPathKey = 1;

	const pathKey = (options = {}) => {
		const environment = options.env || process.env;
		const platform = options.platform || process.platform;

		if (platform !== 'win32') {
			return 'PATH';
		}

		return Object.keys(environment).reverse().find(key => key.toUpperCase() === 'PATH') || 'Path';
	};

	pathKey$1.exports = pathKey;
	// TODO: Remove this for the next major release
	pathKey$1.exports.default = pathKey;
	return pathKey$1.exports;
}

var resolveCommand_1;
var hasRequiredResolveCommand;

function requireResolveCommand () {
	if (hasRequiredResolveCommand) return resolveCommand_1;
	hasRequiredResolveCommand = 1;

	const path = require$$0$2;
	const which = requireWhich();
	const getPathKey = requirePathKey();

	function resolveCommandAttempt(parsed, withoutPathExt) {
	    const env = parsed.options.env || process.env;
	    const cwd = process.cwd();
	    const hasCustomCwd = parsed.options.cwd != null;
	    // Worker threads do not have process.chdir()
	    const shouldSwitchCwd = hasCustomCwd && process.chdir !== undefined && !process.chdir.disabled;

	    // If a custom `cwd` was specified, we need to change the process cwd
	    // because `which` will do stat calls but does not support a custom cwd
	    if (shouldSwitchCwd) {
	        try {
	            process.chdir(parsed.options.cwd);
	        } catch (err) {
	            /* Empty */
	        }
	    }

	    let resolved;

	    try {
	        resolved = which.sync(parsed.command, {
	            path: env[getPathKey({ env })],
	            pathExt: withoutPathExt ? path.delimiter : undefined,
	        });
	    } catch (e) {
	        /* Empty */
	    } finally {
	        if (shouldSwitchCwd) {
	            process.chdir(cwd);
	        }
	    }

	    // If we successfully resolved, ensure that an absolute path is returned
	    // Note that when a custom `cwd` was used, we need to resolve to an absolute path based on it
	    if (resolved) {
	        resolved = path.resolve(hasCustomCwd ? parsed.options.cwd : '', resolved);
	    }

	    return resolved;
	}

	function resolveCommand(parsed) {
	    return resolveCommandAttempt(parsed) || resolveCommandAttempt(parsed, true);
	}

	resolveCommand_1 = resolveCommand;
	return resolveCommand_1;
}

var _escape = {};

var hasRequired_escape;

function require_escape () {
	if (hasRequired_escape) return _escape;
	hasRequired_escape = 1;

	// See http://www.robvanderwoude.com/escapechars.php
	const metaCharsRegExp = /([()\][%!^"`<>&|;, *?])/g;

	function escapeCommand(arg) {
	    // Escape meta chars
	    arg = arg.replace(metaCharsRegExp, '^$1');

	    return arg;
	}

	function escapeArgument(arg, doubleEscapeMetaChars) {
	    // Convert to string
	    arg = `${arg}`;

	    // Algorithm below is based on https://qntm.org/cmd
	    // It's slightly altered to disable JS backtracking to avoid hanging on specially crafted input
	    // Please see https://github.com/moxystudio/node-cross-spawn/pull/160 for more information

	    // Sequence of backslashes followed by a double quote:
	    // double up all the backslashes and escape the double quote
	    arg = arg.replace(/(?=(\\+?)?)\1"/g, '$1$1\\"');

	    // Sequence of backslashes followed by the end of the string
	    // (which will become a double quote later):
	    // double up all the backslashes
	    arg = arg.replace(/(?=(\\+?)?)\1$/, '$1$1');

	    // All other backslashes occur literally

	    // Quote the whole thing:
	    arg = `"${arg}"`;

	    // Escape meta chars
	    arg = arg.replace(metaCharsRegExp, '^$1');

	    // Double escape meta chars if necessary
	    if (doubleEscapeMetaChars) {
	        arg = arg.replace(metaCharsRegExp, '^$1');
	    }

	    return arg;
	}

	_escape.command = escapeCommand;
	_escape.argument = escapeArgument;
	return _escape;
}

var shebangRegex;
var hasRequiredShebangRegex;

function requireShebangRegex () {
	if (hasRequiredShebangRegex) return shebangRegex;
	hasRequiredShebangRegex = 1;
	shebangRegex = /^#!(.*)/;
	return shebangRegex;
}

var shebangCommand;
var hasRequiredShebangCommand;

function requireShebangCommand () {
	if (hasRequiredShebangCommand) return shebangCommand;
	hasRequiredShebangCommand = 1;
	const shebangRegex = requireShebangRegex();

	shebangCommand = (string = '') => {
		const match = string.match(shebangRegex);

		if (!match) {
			return null;
		}

		const [path, argument] = match[0].replace(/#! ?/, '').split(' ');
		const binary = path.split('/').pop();

		if (binary === 'env') {
			return argument;
		}

		return argument ? `${binary} ${argument}` : binary;
	};
	return shebangCommand;
}

var readShebang_1;
var hasRequiredReadShebang;

function requireReadShebang () {
	if (hasRequiredReadShebang) return readShebang_1;
	hasRequiredReadShebang = 1;

	const fs = require$$0$1;
	const shebangCommand = requireShebangCommand();

	function readShebang(command) {
	    // Read the first 150 bytes from the file
	    const size = 150;
	    const buffer = Buffer.alloc(size);

	    let fd;

	    try {
	        fd = fs.openSync(command, 'r');
	        fs.readSync(fd, buffer, 0, size, 0);
	        fs.closeSync(fd);
	    } catch (e) { /* Empty */ }

	    // Attempt to extract shebang (null is returned if not a shebang)
	    return shebangCommand(buffer.toString());
	}

	readShebang_1 = readShebang;
	return readShebang_1;
}

var parse_1;
var hasRequiredParse;

function requireParse () {
	if (hasRequiredParse) return parse_1;
	hasRequiredParse = 1;

	const path = require$$0$2;
	const resolveCommand = requireResolveCommand();
	const escape = require_escape();
	const readShebang = requireReadShebang();

	const isWin = process.platform === 'win32';
	const isExecutableRegExp = /\.(?:com|exe)$/i;
	const isCmdShimRegExp = /node_modules[\\/].bin[\\/][^\\/]+\.cmd$/i;

	function detectShebang(parsed) {
	    parsed.file = resolveCommand(parsed);

	    const shebang = parsed.file && readShebang(parsed.file);

	    if (shebang) {
	        parsed.args.unshift(parsed.file);
	        parsed.command = shebang;

	        return resolveCommand(parsed);
	    }

	    return parsed.file;
	}

	function parseNonShell(parsed) {
	    if (!isWin) {
	        return parsed;
	    }

	    // Detect & add support for shebangs
	    const commandFile = detectShebang(parsed);

	    // We don't need a shell if the command filename is an executable
	    const needsShell = !isExecutableRegExp.test(commandFile);

	    // If a shell is required, use cmd.exe and take care of escaping everything correctly
	    // Note that `forceShell` is an hidden option used only in tests
	    if (parsed.options.forceShell || needsShell) {
	        // Need to double escape meta chars if the command is a cmd-shim located in `node_modules/.bin/`
	        // The cmd-shim simply calls execute the package bin file with NodeJS, proxying any argument
	        // Because the escape of metachars with ^ gets interpreted when the cmd.exe is first called,
	        // we need to double escape them
	        const needsDoubleEscapeMetaChars = isCmdShimRegExp.test(commandFile);

	        // Normalize posix paths into OS compatible paths (e.g.: foo/bar -> foo\bar)
	        // This is necessary otherwise it will always fail with ENOENT in those cases
	        parsed.command = path.normalize(parsed.command);

	        // Escape command & arguments
	        parsed.command = escape.command(parsed.command);
	        parsed.args = parsed.args.map((arg) => escape.argument(arg, needsDoubleEscapeMetaChars));

	        const shellCommand = [parsed.command].concat(parsed.args).join(' ');

	        parsed.args = ['/d', '/s', '/c', `"${shellCommand}"`];
	        parsed.command = process.env.comspec || 'cmd.exe';
	        parsed.options.windowsVerbatimArguments = true; // Tell node's spawn that the arguments are already escaped
	    }

	    return parsed;
	}

	function parse(command, args, options) {
	    // Normalize arguments, similar to nodejs
	    if (args && !Array.isArray(args)) {
	        options = args;
	        args = null;
	    }

	    args = args ? args.slice(0) : []; // Clone array to avoid changing the original
	    options = Object.assign({}, options); // Clone object to avoid changing the original

	    // Build our parsed object
	    const parsed = {
	        command,
	        args,
	        options,
	        file: undefined,
	        original: {
	            command,
	            args,
	        },
	    };

	    // Delegate further parsing to shell or non-shell
	    return options.shell ? parsed : parseNonShell(parsed);
	}

	parse_1 = parse;
	return parse_1;
}

var enoent;
var hasRequiredEnoent;

function requireEnoent () {
	if (hasRequiredEnoent) return enoent;
	hasRequiredEnoent = 1;

	const isWin = process.platform === 'win32';

	function notFoundError(original, syscall) {
	    return Object.assign(new Error(`${syscall} ${original.command} ENOENT`), {
	        code: 'ENOENT',
	        errno: 'ENOENT',
	        syscall: `${syscall} ${original.command}`,
	        path: original.command,
	        spawnargs: original.args,
	    });
	}

	function hookChildProcess(cp, parsed) {
	    if (!isWin) {
	        return;
	    }

	    const originalEmit = cp.emit;

	    cp.emit = function (name, arg1) {
	        // If emitting "exit" event and exit code is 1, we need to check if
	        // the command exists and emit an "error" instead
	        // See https://github.com/IndigoUnited/node-cross-spawn/issues/16
	        if (name === 'exit') {
	            const err = verifyENOENT(arg1, parsed);

	            if (err) {
	                return originalEmit.call(cp, 'error', err);
	            }
	        }

	        return originalEmit.apply(cp, arguments); // eslint-disable-line prefer-rest-params
	    };
	}

	function verifyENOENT(status, parsed) {
	    if (isWin && status === 1 && !parsed.file) {
	        return notFoundError(parsed.original, 'spawn');
	    }

	    return null;
	}

	function verifyENOENTSync(status, parsed) {
	    if (isWin && status === 1 && !parsed.file) {
	        return notFoundError(parsed.original, 'spawnSync');
	    }

	    return null;
	}

	enoent = {
	    hookChildProcess,
	    verifyENOENT,
	    verifyENOENTSync,
	    notFoundError,
	};
	return enoent;
}

var hasRequiredCrossSpawn;

function requireCrossSpawn () {
	if (hasRequiredCrossSpawn) return crossSpawn$1.exports;
	hasRequiredCrossSpawn = 1;

	const cp = require$$0$3;
	const parse = requireParse();
	const enoent = requireEnoent();

	function spawn(command, args, options) {
	    // Parse the arguments
	    const parsed = parse(command, args, options);

	    // Spawn the child process
	    const spawned = cp.spawn(parsed.command, parsed.args, parsed.options);

	    // Hook into child process "exit" event to emit an error if the command
	    // does not exists, see: https://github.com/IndigoUnited/node-cross-spawn/issues/16
	    enoent.hookChildProcess(spawned, parsed);

	    return spawned;
	}

	function spawnSync(command, args, options) {
	    // Parse the arguments
	    const parsed = parse(command, args, options);

	    // Spawn the child process
	    const result = cp.spawnSync(parsed.command, parsed.args, parsed.options);

	    // Analyze if the command does not exist, see: https://github.com/IndigoUnited/node-cross-spawn/issues/16
	    result.error = result.error || enoent.verifyENOENTSync(result.status, parsed);

	    return result;
	}

	crossSpawn$1.exports = spawn;
	crossSpawn$1.exports.spawn = spawn;
	crossSpawn$1.exports.sync = spawnSync;

	crossSpawn$1.exports._parse = parse;
	crossSpawn$1.exports._enoent = enoent;
	return crossSpawn$1.exports;
}

var crossSpawnExports = requireCrossSpawn();
var crossSpawn = /*@__PURE__*/getDefaultExportFromCjs(crossSpawnExports);

function stripFinalNewline(input) {
	const LF = typeof input === 'string' ? '\n' : '\n'.charCodeAt();
	const CR = typeof input === 'string' ? '\r' : '\r'.charCodeAt();

	if (input[input.length - 1] === LF) {
		input = input.slice(0, -1);
	}

	if (input[input.length - 1] === CR) {
		input = input.slice(0, -1);
	}

	return input;
}

function pathKey(options = {}) {
	const {
		env = process.env,
		platform = process.platform
	} = options;

	if (platform !== 'win32') {
		return 'PATH';
	}

	return Object.keys(env).reverse().find(key => key.toUpperCase() === 'PATH') || 'Path';
}

const npmRunPath = ({
	cwd = process$2.cwd(),
	path: pathOption = process$2.env[pathKey()],
	preferLocal = true,
	execPath = process$2.execPath,
	addExecPath = true,
} = {}) => {
	const cwdString = cwd instanceof URL ? node_url.fileURLToPath(cwd) : cwd;
	const cwdPath = path.resolve(cwdString);
	const result = [];

	if (preferLocal) {
		applyPreferLocal(result, cwdPath);
	}

	if (addExecPath) {
		applyExecPath(result, execPath, cwdPath);
	}

	return [...result, pathOption].join(path.delimiter);
};

const applyPreferLocal = (result, cwdPath) => {
	let previous;

	while (previous !== cwdPath) {
		result.push(path.join(cwdPath, 'node_modules/.bin'));
		previous = cwdPath;
		cwdPath = path.resolve(cwdPath, '..');
	}
};

// Ensure the running `node` binary is used
const applyExecPath = (result, execPath, cwdPath) => {
	const execPathString = execPath instanceof URL ? node_url.fileURLToPath(execPath) : execPath;
	result.push(path.resolve(cwdPath, execPathString, '..'));
};

const npmRunPathEnv = ({env = process$2.env, ...options} = {}) => {
	env = {...env};

	const pathName = pathKey({env});
	options.path = env[pathName];
	env[pathName] = npmRunPath(options);

	return env;
};

const getRealtimeSignals=()=>{
const length=SIGRTMAX-SIGRTMIN+1;
return Array.from({length},getRealtimeSignal)
};

const getRealtimeSignal=(value,index)=>({
name:`SIGRT${index+1}`,
number:SIGRTMIN+index,
action:"terminate",
description:"Application-specific signal (realtime)",
standard:"posix"
});

const SIGRTMIN=34;
const SIGRTMAX=64;

const SIGNALS=[
{
name:"SIGHUP",
number:1,
action:"terminate",
description:"Terminal closed",
standard:"posix"
},
{
name:"SIGINT",
number:2,
action:"terminate",
description:"User interruption with CTRL-C",
standard:"ansi"
},
{
name:"SIGQUIT",
number:3,
action:"core",
description:"User interruption with CTRL-\\",
standard:"posix"
},
{
name:"SIGILL",
number:4,
action:"core",
description:"Invalid machine instruction",
standard:"ansi"
},
{
name:"SIGTRAP",
number:5,
action:"core",
description:"Debugger breakpoint",
standard:"posix"
},
{
name:"SIGABRT",
number:6,
action:"core",
description:"Aborted",
standard:"ansi"
},
{
name:"SIGIOT",
number:6,
action:"core",
description:"Aborted",
standard:"bsd"
},
{
name:"SIGBUS",
number:7,
action:"core",
description:
"Bus error due to misaligned, non-existing address or paging error",
standard:"bsd"
},
{
name:"SIGEMT",
number:7,
action:"terminate",
description:"Command should be emulated but is not implemented",
standard:"other"
},
{
name:"SIGFPE",
number:8,
action:"core",
description:"Floating point arithmetic error",
standard:"ansi"
},
{
name:"SIGKILL",
number:9,
action:"terminate",
description:"Forced termination",
standard:"posix",
forced:true
},
{
name:"SIGUSR1",
number:10,
action:"terminate",
description:"Application-specific signal",
standard:"posix"
},
{
name:"SIGSEGV",
number:11,
action:"core",
description:"Segmentation fault",
standard:"ansi"
},
{
name:"SIGUSR2",
number:12,
action:"terminate",
description:"Application-specific signal",
standard:"posix"
},
{
name:"SIGPIPE",
number:13,
action:"terminate",
description:"Broken pipe or socket",
standard:"posix"
},
{
name:"SIGALRM",
number:14,
action:"terminate",
description:"Timeout or timer",
standard:"posix"
},
{
name:"SIGTERM",
number:15,
action:"terminate",
description:"Termination",
standard:"ansi"
},
{
name:"SIGSTKFLT",
number:16,
action:"terminate",
description:"Stack is empty or overflowed",
standard:"other"
},
{
name:"SIGCHLD",
number:17,
action:"ignore",
description:"Child process terminated, paused or unpaused",
standard:"posix"
},
{
name:"SIGCLD",
number:17,
action:"ignore",
description:"Child process terminated, paused or unpaused",
standard:"other"
},
{
name:"SIGCONT",
number:18,
action:"unpause",
description:"Unpaused",
standard:"posix",
forced:true
},
{
name:"SIGSTOP",
number:19,
action:"pause",
description:"Paused",
standard:"posix",
forced:true
},
{
name:"SIGTSTP",
number:20,
action:"pause",
description:"Paused using CTRL-Z or \"suspend\"",
standard:"posix"
},
{
name:"SIGTTIN",
number:21,
action:"pause",
description:"Background process cannot read terminal input",
standard:"posix"
},
{
name:"SIGBREAK",
number:21,
action:"terminate",
description:"User interruption with CTRL-BREAK",
standard:"other"
},
{
name:"SIGTTOU",
number:22,
action:"pause",
description:"Background process cannot write to terminal output",
standard:"posix"
},
{
name:"SIGURG",
number:23,
action:"ignore",
description:"Socket received out-of-band data",
standard:"bsd"
},
{
name:"SIGXCPU",
number:24,
action:"core",
description:"Process timed out",
standard:"bsd"
},
{
name:"SIGXFSZ",
number:25,
action:"core",
description:"File too big",
standard:"bsd"
},
{
name:"SIGVTALRM",
number:26,
action:"terminate",
description:"Timeout or timer",
standard:"bsd"
},
{
name:"SIGPROF",
number:27,
action:"terminate",
description:"Timeout or timer",
standard:"bsd"
},
{
name:"SIGWINCH",
number:28,
action:"ignore",
description:"Terminal window size changed",
standard:"bsd"
},
{
name:"SIGIO",
number:29,
action:"terminate",
description:"I/O is available",
standard:"other"
},
{
name:"SIGPOLL",
number:29,
action:"terminate",
description:"Watched event",
standard:"other"
},
{
name:"SIGINFO",
number:29,
action:"ignore",
description:"Request for process information",
standard:"other"
},
{
name:"SIGPWR",
number:30,
action:"terminate",
description:"Device running out of power",
standard:"systemv"
},
{
name:"SIGSYS",
number:31,
action:"core",
description:"Invalid system call",
standard:"other"
},
{
name:"SIGUNUSED",
number:31,
action:"terminate",
description:"Invalid system call",
standard:"other"
}];

const getSignals=()=>{
const realtimeSignals=getRealtimeSignals();
const signals=[...SIGNALS,...realtimeSignals].map(normalizeSignal);
return signals
};







const normalizeSignal=({
name,
number:defaultNumber,
description,
action,
forced=false,
standard
})=>{
const{
signals:{[name]:constantSignal}
}=os.constants;
const supported=constantSignal!==undefined;
const number=supported?constantSignal:defaultNumber;
return {name,number,description,supported,action,forced,standard}
};

const getSignalsByName=()=>{
const signals=getSignals();
return Object.fromEntries(signals.map(getSignalByName))
};

const getSignalByName=({
name,
number,
description,
supported,
action,
forced,
standard
})=>[name,{name,number,description,supported,action,forced,standard}];

const signalsByName=getSignalsByName();




const getSignalsByNumber=()=>{
const signals=getSignals();
const length=SIGRTMAX+1;
const signalsA=Array.from({length},(value,number)=>
getSignalByNumber(number,signals)
);
return Object.assign({},...signalsA)
};

const getSignalByNumber=(number,signals)=>{
const signal=findSignalByNumber(number,signals);

if(signal===undefined){
return {}
}

const{name,description,supported,action,forced,standard}=signal;
return {
[number]:{
name,
number,
description,
supported,
action,
forced,
standard
}
}
};



const findSignalByNumber=(number,signals)=>{
const signal=signals.find(({name})=>os.constants.signals[name]===number);

if(signal!==undefined){
return signal
}

return signals.find((signalA)=>signalA.number===number)
};

getSignalsByNumber();

const getErrorPrefix = ({timedOut, timeout, errorCode, signal, signalDescription, exitCode, isCanceled}) => {
	if (timedOut) {
		return `timed out after ${timeout} milliseconds`;
	}

	if (errorCode !== undefined) {
		return `failed with ${errorCode}`;
	}

	if (signal !== undefined) {
		return `was killed with ${signal} (${signalDescription})`;
	}

	if (exitCode !== undefined) {
		return `failed with exit code ${exitCode}`;
	}

	return 'failed';
};

const makeError = ({
	stdout,
	stderr,
	all,
	error,
	signal,
	exitCode,
	command,
	escapedCommand,
	timedOut,
	isCanceled,
	killed,
	parsed: {options: {timeout, cwd = process$2.cwd()}},
}) => {
	// `signal` and `exitCode` emitted on `spawned.on('exit')` event can be `null`.
	// We normalize them to `undefined`
	exitCode = exitCode === null ? undefined : exitCode;
	signal = signal === null ? undefined : signal;
	const signalDescription = signal === undefined ? undefined : signalsByName[signal].description;

	const errorCode = error && error.code;

	const prefix = getErrorPrefix({timedOut, timeout, errorCode, signal, signalDescription, exitCode, isCanceled});
	const execaMessage = `Command ${prefix}: ${command}`;
	const isError = Object.prototype.toString.call(error) === '[object Error]';
	const shortMessage = isError ? `${execaMessage}\n${error.message}` : execaMessage;
	const message = [shortMessage, stderr, stdout].filter(Boolean).join('\n');

	if (isError) {
		error.originalMessage = error.message;
		error.message = message;
	} else {
		error = new Error(message);
	}

	error.shortMessage = shortMessage;
	error.command = command;
	error.escapedCommand = escapedCommand;
	error.exitCode = exitCode;
	error.signal = signal;
	error.signalDescription = signalDescription;
	error.stdout = stdout;
	error.stderr = stderr;
	error.cwd = cwd;

	if (all !== undefined) {
		error.all = all;
	}

	if ('bufferedData' in error) {
		delete error.bufferedData;
	}

	error.failed = true;
	error.timedOut = Boolean(timedOut);
	error.isCanceled = isCanceled;
	error.killed = killed && !timedOut;

	return error;
};

const aliases = ['stdin', 'stdout', 'stderr'];

const hasAlias = options => aliases.some(alias => options[alias] !== undefined);

const normalizeStdio = options => {
	if (!options) {
		return;
	}

	const {stdio} = options;

	if (stdio === undefined) {
		return aliases.map(alias => options[alias]);
	}

	if (hasAlias(options)) {
		throw new Error(`It's not possible to provide \`stdio\` in combination with one of ${aliases.map(alias => `\`${alias}\``).join(', ')}`);
	}

	if (typeof stdio === 'string') {
		return stdio;
	}

	if (!Array.isArray(stdio)) {
		throw new TypeError(`Expected \`stdio\` to be of type \`string\` or \`Array\`, got \`${typeof stdio}\``);
	}

	const length = Math.max(stdio.length, aliases.length);
	return Array.from({length}, (value, index) => stdio[index]);
};

/**
 * This is not the set of all possible signals.
 *
 * It IS, however, the set of all signals that trigger
 * an exit on either Linux or BSD systems.  Linux is a
 * superset of the signal names supported on BSD, and
 * the unknown signals just fail to register, so we can
 * catch that easily enough.
 *
 * Windows signals are a different set, since there are
 * signals that terminate Windows processes, but don't
 * terminate (or don't even exist) on Posix systems.
 *
 * Don't bother with SIGKILL.  It's uncatchable, which
 * means that we can't fire any callbacks anyway.
 *
 * If a user does happen to register a handler on a non-
 * fatal signal like SIGWINCH or something, and then
 * exit, it'll end up firing `process.emit('exit')`, so
 * the handler will be fired anyway.
 *
 * SIGBUS, SIGFPE, SIGSEGV and SIGILL, when not raised
 * artificially, inherently leave the process in a
 * state from which it is not safe to try and enter JS
 * listeners.
 */
const signals = [];
signals.push('SIGHUP', 'SIGINT', 'SIGTERM');
if (process.platform !== 'win32') {
    signals.push('SIGALRM', 'SIGABRT', 'SIGVTALRM', 'SIGXCPU', 'SIGXFSZ', 'SIGUSR2', 'SIGTRAP', 'SIGSYS', 'SIGQUIT', 'SIGIOT'
    // should detect profiler and enable/disable accordingly.
    // see #21
    // 'SIGPROF'
    );
}
if (process.platform === 'linux') {
    signals.push('SIGIO', 'SIGPOLL', 'SIGPWR', 'SIGSTKFLT');
}

// Note: since nyc uses this module to output coverage, any lines
// that are in the direct sync flow of nyc's outputCoverage are
// ignored, since we can never get coverage for them.
// grab a reference to node's real process object right away
const processOk = (process) => !!process &&
    typeof process === 'object' &&
    typeof process.removeListener === 'function' &&
    typeof process.emit === 'function' &&
    typeof process.reallyExit === 'function' &&
    typeof process.listeners === 'function' &&
    typeof process.kill === 'function' &&
    typeof process.pid === 'number' &&
    typeof process.on === 'function';
const kExitEmitter = Symbol.for('signal-exit emitter');
const global$1 = globalThis;
const ObjectDefineProperty = Object.defineProperty.bind(Object);
// teeny special purpose ee
class Emitter {
    emitted = {
        afterExit: false,
        exit: false,
    };
    listeners = {
        afterExit: [],
        exit: [],
    };
    count = 0;
    id = Math.random();
    constructor() {
        if (global$1[kExitEmitter]) {
            return global$1[kExitEmitter];
        }
        ObjectDefineProperty(global$1, kExitEmitter, {
            value: this,
            writable: false,
            enumerable: false,
            configurable: false,
        });
    }
    on(ev, fn) {
        this.listeners[ev].push(fn);
    }
    removeListener(ev, fn) {
        const list = this.listeners[ev];
        const i = list.indexOf(fn);
        /* c8 ignore start */
        if (i === -1) {
            return;
        }
        /* c8 ignore stop */
        if (i === 0 && list.length === 1) {
            list.length = 0;
        }
        else {
            list.splice(i, 1);
        }
    }
    emit(ev, code, signal) {
        if (this.emitted[ev]) {
            return false;
        }
        this.emitted[ev] = true;
        let ret = false;
        for (const fn of this.listeners[ev]) {
            ret = fn(code, signal) === true || ret;
        }
        if (ev === 'exit') {
            ret = this.emit('afterExit', code, signal) || ret;
        }
        return ret;
    }
}
class SignalExitBase {
}
const signalExitWrap = (handler) => {
    return {
        onExit(cb, opts) {
            return handler.onExit(cb, opts);
        },
        load() {
            return handler.load();
        },
        unload() {
            return handler.unload();
        },
    };
};
class SignalExitFallback extends SignalExitBase {
    onExit() {
        return () => { };
    }
    load() { }
    unload() { }
}
class SignalExit extends SignalExitBase {
    // "SIGHUP" throws an `ENOSYS` error on Windows,
    // so use a supported signal instead
    /* c8 ignore start */
    #hupSig = process$1.platform === 'win32' ? 'SIGINT' : 'SIGHUP';
    /* c8 ignore stop */
    #emitter = new Emitter();
    #process;
    #originalProcessEmit;
    #originalProcessReallyExit;
    #sigListeners = {};
    #loaded = false;
    constructor(process) {
        super();
        this.#process = process;
        // { <signal>: <listener fn>, ... }
        this.#sigListeners = {};
        for (const sig of signals) {
            this.#sigListeners[sig] = () => {
                // If there are no other listeners, an exit is coming!
                // Simplest way: remove us and then re-send the signal.
                // We know that this will kill the process, so we can
                // safely emit now.
                const listeners = this.#process.listeners(sig);
                let { count } = this.#emitter;
                // This is a workaround for the fact that signal-exit v3 and signal
                // exit v4 are not aware of each other, and each will attempt to let
                // the other handle it, so neither of them do. To correct this, we
                // detect if we're the only handler *except* for previous versions
                // of signal-exit, and increment by the count of listeners it has
                // created.
                /* c8 ignore start */
                const p = process;
                if (typeof p.__signal_exit_emitter__ === 'object' &&
                    typeof p.__signal_exit_emitter__.count === 'number') {
                    count += p.__signal_exit_emitter__.count;
                }
                /* c8 ignore stop */
                if (listeners.length === count) {
                    this.unload();
                    const ret = this.#emitter.emit('exit', null, sig);
                    /* c8 ignore start */
                    const s = sig === 'SIGHUP' ? this.#hupSig : sig;
                    if (!ret)
                        process.kill(process.pid, s);
                    /* c8 ignore stop */
                }
            };
        }
        this.#originalProcessReallyExit = process.reallyExit;
        this.#originalProcessEmit = process.emit;
    }
    onExit(cb, opts) {
        /* c8 ignore start */
        if (!processOk(this.#process)) {
            return () => { };
        }
        /* c8 ignore stop */
        if (this.#loaded === false) {
            this.load();
        }
        const ev = opts?.alwaysLast ? 'afterExit' : 'exit';
        this.#emitter.on(ev, cb);
        return () => {
            this.#emitter.removeListener(ev, cb);
            if (this.#emitter.listeners['exit'].length === 0 &&
                this.#emitter.listeners['afterExit'].length === 0) {
                this.unload();
            }
        };
    }
    load() {
        if (this.#loaded) {
            return;
        }
        this.#loaded = true;
        // This is the number of onSignalExit's that are in play.
        // It's important so that we can count the correct number of
        // listeners on signals, and don't wait for the other one to
        // handle it instead of us.
        this.#emitter.count += 1;
        for (const sig of signals) {
            try {
                const fn = this.#sigListeners[sig];
                if (fn)
                    this.#process.on(sig, fn);
            }
            catch (_) { }
        }
        this.#process.emit = (ev, ...a) => {
            return this.#processEmit(ev, ...a);
        };
        this.#process.reallyExit = (code) => {
            return this.#processReallyExit(code);
        };
    }
    unload() {
        if (!this.#loaded) {
            return;
        }
        this.#loaded = false;
        signals.forEach(sig => {
            const listener = this.#sigListeners[sig];
            /* c8 ignore start */
            if (!listener) {
                throw new Error('Listener not defined for signal: ' + sig);
            }
            /* c8 ignore stop */
            try {
                this.#process.removeListener(sig, listener);
                /* c8 ignore start */
            }
            catch (_) { }
            /* c8 ignore stop */
        });
        this.#process.emit = this.#originalProcessEmit;
        this.#process.reallyExit = this.#originalProcessReallyExit;
        this.#emitter.count -= 1;
    }
    #processReallyExit(code) {
        /* c8 ignore start */
        if (!processOk(this.#process)) {
            return 0;
        }
        this.#process.exitCode = code || 0;
        /* c8 ignore stop */
        this.#emitter.emit('exit', this.#process.exitCode, null);
        return this.#originalProcessReallyExit.call(this.#process, this.#process.exitCode);
    }
    #processEmit(ev, ...args) {
        const og = this.#originalProcessEmit;
        if (ev === 'exit' && processOk(this.#process)) {
            if (typeof args[0] === 'number') {
                this.#process.exitCode = args[0];
                /* c8 ignore start */
            }
            /* c8 ignore start */
            const ret = og.call(this.#process, ev, ...args);
            /* c8 ignore start */
            this.#emitter.emit('exit', this.#process.exitCode, null);
            /* c8 ignore stop */
            return ret;
        }
        else {
            return og.call(this.#process, ev, ...args);
        }
    }
}
const process$1 = globalThis.process;
// wrap so that we call the method on the actual handler, without
// exporting it directly.
signalExitWrap(processOk(process$1) ? new SignalExit(process$1) : new SignalExitFallback());

function isStream(stream) {
	return stream !== null
		&& typeof stream === 'object'
		&& typeof stream.pipe === 'function';
}

new TextEncoder();

var mergeStream;
var hasRequiredMergeStream;

function requireMergeStream () {
	if (hasRequiredMergeStream) return mergeStream;
	hasRequiredMergeStream = 1;

	const { PassThrough } = require$$0$4;

	mergeStream = function (/*streams...*/) {
	  var sources = [];
	  var output  = new PassThrough({objectMode: true});

	  output.setMaxListeners(0);

	  output.add = add;
	  output.isEmpty = isEmpty;

	  output.on('unpipe', remove);

	  Array.prototype.slice.call(arguments).forEach(add);

	  return output

	  function add (source) {
	    if (Array.isArray(source)) {
	      source.forEach(add);
	      return this
	    }

	    sources.push(source);
	    source.once('end', remove.bind(null, source));
	    source.once('error', output.emit.bind(output, 'error'));
	    source.pipe(output, {end: false});
	    return this
	  }

	  function isEmpty () {
	    return sources.length == 0;
	  }

	  function remove (source) {
	    sources = sources.filter(function (it) { return it !== source });
	    if (!sources.length && output.readable) { output.end(); }
	  }
	};
	return mergeStream;
}

requireMergeStream();

const validateInputOptions = input => {
	if (input !== undefined) {
		throw new TypeError('The `input` and `inputFile` options cannot be both set.');
	}
};

const getInputSync = ({input, inputFile}) => {
	if (typeof inputFile !== 'string') {
		return input;
	}

	validateInputOptions(input);
	return require$$3.readFileSync(inputFile);
};

// `input` and `inputFile` option in sync mode
const handleInputSync = options => {
	const input = getInputSync(options);

	if (isStream(input)) {
		throw new TypeError('The `input` option cannot be a stream in sync mode');
	}

	return input;
};

// eslint-disable-next-line unicorn/prefer-top-level-await
const nativePromisePrototype = (async () => {})().constructor.prototype;

['then', 'catch', 'finally'].map(property => [
	property,
	Reflect.getOwnPropertyDescriptor(nativePromisePrototype, property),
]);

const normalizeArgs = (file, args = []) => {
	if (!Array.isArray(args)) {
		return [file];
	}

	return [file, ...args];
};

const NO_ESCAPE_REGEXP = /^[\w.-]+$/;

const escapeArg = arg => {
	if (typeof arg !== 'string' || NO_ESCAPE_REGEXP.test(arg)) {
		return arg;
	}

	return `"${arg.replaceAll('"', '\\"')}"`;
};

const joinCommand = (file, args) => normalizeArgs(file, args).join(' ');

const getEscapedCommand = (file, args) => normalizeArgs(file, args).map(arg => escapeArg(arg)).join(' ');

const verboseDefault = node_util.debuglog('execa').enabled;

const padField = (field, padding) => String(field).padStart(padding, '0');

const getTimestamp = () => {
	const date = new Date();
	return `${padField(date.getHours(), 2)}:${padField(date.getMinutes(), 2)}:${padField(date.getSeconds(), 2)}.${padField(date.getMilliseconds(), 3)}`;
};

const logCommand = (escapedCommand, {verbose}) => {
	if (!verbose) {
		return;
	}

	process$2.stderr.write(`[${getTimestamp()}] ${escapedCommand}\n`);
};

const DEFAULT_MAX_BUFFER = 1000 * 1000 * 100;

const getEnv = ({env: envOption, extendEnv, preferLocal, localDir, execPath}) => {
	const env = extendEnv ? {...process$2.env, ...envOption} : envOption;

	if (preferLocal) {
		return npmRunPathEnv({env, cwd: localDir, execPath});
	}

	return env;
};

const handleArguments = (file, args, options = {}) => {
	const parsed = crossSpawn._parse(file, args, options);
	file = parsed.command;
	args = parsed.args;
	options = parsed.options;

	options = {
		maxBuffer: DEFAULT_MAX_BUFFER,
		buffer: true,
		stripFinalNewline: true,
		extendEnv: true,
		preferLocal: false,
		localDir: options.cwd || process$2.cwd(),
		execPath: process$2.execPath,
		encoding: 'utf8',
		reject: true,
		cleanup: true,
		all: false,
		windowsHide: true,
		verbose: verboseDefault,
		...options,
	};

	options.env = getEnv(options);

	options.stdio = normalizeStdio(options);

	if (process$2.platform === 'win32' && path.basename(file, '.exe') === 'cmd') {
		// #116
		args.unshift('/q');
	}

	return {file, args, options, parsed};
};

const handleOutput = (options, value, error) => {
	if (typeof value !== 'string' && !node_buffer.Buffer.isBuffer(value)) {
		// When `execaSync()` errors, we normalize it to '' to mimic `execa()`
		return error === undefined ? undefined : '';
	}

	if (options.stripFinalNewline) {
		return stripFinalNewline(value);
	}

	return value;
};

function execaSync(file, args, options) {
	const parsed = handleArguments(file, args, options);
	const command = joinCommand(file, args);
	const escapedCommand = getEscapedCommand(file, args);
	logCommand(escapedCommand, parsed.options);

	const input = handleInputSync(parsed.options);

	let result;
	try {
		result = childProcess.spawnSync(parsed.file, parsed.args, {...parsed.options, input});
	} catch (error) {
		throw makeError({
			error,
			stdout: '',
			stderr: '',
			all: '',
			command,
			escapedCommand,
			parsed,
			timedOut: false,
			isCanceled: false,
			killed: false,
		});
	}

	const stdout = handleOutput(parsed.options, result.stdout, result.error);
	const stderr = handleOutput(parsed.options, result.stderr, result.error);

	if (result.error || result.status !== 0 || result.signal !== null) {
		const error = makeError({
			stdout,
			stderr,
			error: result.error,
			signal: result.signal,
			exitCode: result.status,
			command,
			escapedCommand,
			parsed,
			timedOut: result.error && result.error.code === 'ETIMEDOUT',
			isCanceled: false,
			killed: result.signal !== null,
		});

		if (!parsed.options.reject) {
			return error;
		}

		throw error;
	}

	return {
		command,
		escapedCommand,
		exitCode: 0,
		stdout,
		stderr,
		failed: false,
		timedOut: false,
		isCanceled: false,
		killed: false,
	};
}

function head(options) {
  try {
    return execaSync("git", ["rev-parse", "HEAD"], options).stdout;
  } catch {
    return undefined;
  }
}

function branch(options) {
  try {
    const headRef = execaSync(
      "git",
      ["rev-parse", "--abbrev-ref", "HEAD"],
      options,
    ).stdout;

    if (headRef === "HEAD") {
      const branch = execaSync(
        "git",
        ["show", "-s", "--pretty=%d", "HEAD"],
        options,
      )
        .stdout.replace(/^\(|\)$/g, "")
        .split(", ")
        .find((branch) => branch.startsWith("origin/"));
      return branch ? branch.match(/^origin\/(?<branch>.+)/)[1] : undefined;
    }

    return headRef;
  } catch {
    return undefined;
  }
}

// Match slug on SSH URLs (ex: `USER@HOST:PORT/ORG/REPO.git`)
const GIT_SSH_URL_SLUG_PATTERN = /^(?:.*)@(?:.*):(?:\d+\/)?(.*)\.git$/;

// Match slug on HTTP(S) URLs `https://github.com/semantic-release/env-ci.git`
const GIT_PATHNAME_SLUG_PATTERN = /^\/(.*)\.git$/;

/**
 * Extract repository slug(owner/repo) from a repository URL
 *
 * @param {String} repositoryURL
 * @returns {String | undefined}
 */
function getSlugFromGitURL(repositoryURL) {
  if (!repositoryURL) {
    return undefined;
  }

  if (repositoryURL.match(GIT_SSH_URL_SLUG_PATTERN)) {
    return repositoryURL.replace(GIT_SSH_URL_SLUG_PATTERN, "$1");
  }

  try {
    const url = new URL(repositoryURL);
    return url.pathname.replace(GIT_PATHNAME_SLUG_PATTERN, "$1");
  } catch {
    return undefined;
  }
}

// https://buildkite.com/docs/builds/environment-variables

var buildkite = {
  detect({ env }) {
    return Boolean(env.BUILDKITE);
  },
  configuration({ env }) {
    const pr =
      env.BUILDKITE_PULL_REQUEST === "false"
        ? undefined
        : env.BUILDKITE_PULL_REQUEST;
    const isPr = Boolean(pr);

    return {
      name: "Buildkite",
      service: "buildkite",
      build: env.BUILDKITE_BUILD_NUMBER,
      buildUrl: env.BUILDKITE_BUILD_URL,
      commit: env.BUILDKITE_COMMIT,
      tag: env.BUILDKITE_TAG,
      branch: isPr
        ? env.BUILDKITE_PULL_REQUEST_BASE_BRANCH
        : env.BUILDKITE_BRANCH,
      slug: getSlugFromGitURL(env.BUILDKITE_REPO),
      pr,
      isPr,
      prBranch: isPr ? env.BUILDKITE_BRANCH : undefined,
      root: env.BUILDKITE_BUILD_CHECKOUT_PATH,
    };
  },
};

// https://circleci.com/docs/2.0/env-vars/#built-in-environment-variables


var circleci = {
  detect({ env }) {
    return Boolean(env.CIRCLECI);
  },
  configuration({ env }) {
    const pr =
      env.CIRCLE_PR_NUMBER ||
      prNumber(env.CIRCLE_PULL_REQUEST || env.CI_PULL_REQUEST);
    const isPr = Boolean(pr);

    return {
      name: "CircleCI",
      service: "circleci",
      build: env.CIRCLE_BUILD_NUM,
      buildUrl: env.CIRCLE_BUILD_URL,
      job: `${env.CIRCLE_BUILD_NUM}.${env.CIRCLE_NODE_INDEX}`,
      commit: env.CIRCLE_SHA1,
      tag: env.CIRCLE_TAG,
      branch: isPr ? undefined : env.CIRCLE_BRANCH,
      pr,
      isPr,
      prBranch: isPr ? env.CIRCLE_BRANCH : undefined,
      slug: `${env.CIRCLE_PROJECT_USERNAME}/${env.CIRCLE_PROJECT_REPONAME}`,
    };
  },
};

// https://cirrus-ci.org/guide/writing-tasks/#environment-variables

const CIRRUS_CI_DASHBOARD = "https://cirrus-ci.com";

var cirrus = {
  detect({ env }) {
    return Boolean(env.CIRRUS_CI);
  },
  configuration({ env }) {
    const pr = env.CIRRUS_PR;
    const isPr = Boolean(pr);

    return {
      name: "Cirrus CI",
      service: "cirrus",
      commit: env.CIRRUS_CHANGE_IN_REPO,
      tag: env.CIRRUS_TAG,
      build: env.CIRRUS_BUILD_ID,
      buildUrl: `${CIRRUS_CI_DASHBOARD}/build/${env.CIRRUS_BUILD_ID}`,
      job: env.CIRRUS_TASK_ID,
      jobUrl: `${CIRRUS_CI_DASHBOARD}/task/${env.CIRRUS_TASK_ID}`,
      branch: isPr ? env.CIRRUS_BASE_BRANCH : env.CIRRUS_BRANCH,
      pr,
      isPr,
      prBranch: isPr ? env.CIRRUS_BRANCH : undefined,
      slug: env.CIRRUS_REPO_FULL_NAME,
      root: env.CIRRUS_WORKING_DIR,
    };
  },
};

// https://developers.cloudflare.com/pages/platform/build-configuration#environment-variables

var cloudflarePages = {
  detect({ env }) {
    return env.CF_PAGES === "1";
  },
  configuration({ env }) {
    return {
      name: "Cloudflare Pages",
      service: "cloudflarePages",
      commit: env.CF_PAGES_COMMIT_SHA,
      branch: env.CF_PAGES_BRANCH,
      root: env.PWD,
    };
  },
};

// https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html

var codebuild = {
  detect({ env }) {
    return Boolean(env.CODEBUILD_BUILD_ID);
  },
  configuration({ env, cwd }) {
    return {
      name: "AWS CodeBuild",
      service: "codebuild",
      commit: head({ env, cwd }),
      build: env.CODEBUILD_BUILD_ID,
      branch: branch({ env, cwd }),
      buildUrl: `https://console.aws.amazon.com/codebuild/home?region=${env.AWS_REGION}#/builds/${env.CODEBUILD_BUILD_ID}/view/new`,
      root: env.PWD,
    };
  },
};

// https://codefresh.io/docs/docs/codefresh-yaml/variables#system-provided-variables

var codefresh = {
  detect({ env }) {
    return Boolean(env.CF_BUILD_ID);
  },
  configuration({ env }) {
    const pr = env.CF_PULL_REQUEST_NUMBER;
    const isPr = Boolean(pr);

    return {
      name: "Codefresh",
      service: "codefresh",
      commit: env.CF_REVISION,
      build: env.CF_BUILD_ID,
      buildUrl: env.CF_BUILD_URL,
      branch: isPr ? env.CF_PULL_REQUEST_TARGET : env.CF_BRANCH,
      pr,
      isPr,
      prBranch: isPr ? env.CF_BRANCH : undefined,
      slug: `${env.CF_REPO_OWNER}/${env.CF_REPO_NAME}`,
      root: env.CF_VOLUME_PATH,
    };
  },
};

// https://documentation.codeship.com/basic/builds-and-configuration/set-environment-variables/#default-environment-variables

var codeship = {
  detect({ env }) {
    return env.CI_NAME && env.CI_NAME === "codeship";
  },
  configuration({ env }) {
    return {
      name: "Codeship",
      service: "codeship",
      build: env.CI_BUILD_NUMBER,
      buildUrl: env.CI_BUILD_URL,
      commit: env.CI_COMMIT_ID,
      branch: env.CI_BRANCH,
      slug: env.CI_REPO_NAME,
    };
  },
};

// https://readme.drone.io/reference/environ

var drone = {
  detect({ env }) {
    return Boolean(env.DRONE);
  },
  configuration({ env }) {
    const isPr = env.DRONE_BUILD_EVENT === "pull_request";

    return {
      name: "Drone",
      service: "drone",
      commit: env.DRONE_COMMIT_SHA,
      tag: env.DRONE_TAG,
      build: env.DRONE_BUILD_NUMBER,
      buildUrl: env.DRONE_BUILD_LINK,
      branch: isPr ? env.DRONE_TARGET_BRANCH : env.DRONE_BRANCH,
      job: env.DRONE_JOB_NUMBER,
      jobUrl: env.DRONE_BUILD_LINK,
      pr: env.DRONE_PULL_REQUEST,
      isPr,
      prBranch: isPr ? env.DRONE_SOURCE_BRANCH : undefined,
      slug: `${env.DRONE_REPO_OWNER}/${env.DRONE_REPO_NAME}`,
      root: env.DRONE_WORKSPACE,
    };
  },
};

var git$1 = {
  configuration(options) {
    return { commit: head(options), branch: branch(options) };
  },
};

const getPrEvent = ({ env }) => {
  try {
    const event = env.GITHUB_EVENT_PATH
      ? JSON.parse(require$$3.readFileSync(env.GITHUB_EVENT_PATH, "utf-8"))
      : undefined;

    if (event && event.pull_request) {
      return {
        branch: event.pull_request.base
          ? parseBranch(event.pull_request.base.ref)
          : undefined,
        pr: event.pull_request.number,
      };
    }
  } catch {
    // Noop
  }

  return { pr: undefined, branch: undefined };
};

const getPrNumber = (env) => {
  const event = env.GITHUB_EVENT_PATH
    ? JSON.parse(require$$3.readFileSync(env.GITHUB_EVENT_PATH, "utf-8"))
    : undefined;

  return event && event.pull_request ? event.pull_request.number : undefined;
};

var github = {
  detect({ env }) {
    return Boolean(env.GITHUB_ACTIONS);
  },
  configuration({ env, cwd }) {
    const isPr =
      env.GITHUB_EVENT_NAME === "pull_request" ||
      env.GITHUB_EVENT_NAME === "pull_request_target";
    const branch = parseBranch(
      env.GITHUB_EVENT_NAME === "pull_request_target"
        ? `refs/pull/${getPrNumber(env)}/merge`
        : env.GITHUB_REF,
    );

    return {
      name: "GitHub Actions",
      service: "github",
      commit: env.GITHUB_SHA,
      build: env.GITHUB_RUN_ID,
      buildUrl: `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
      isPr,
      branch,
      prBranch: isPr ? branch : undefined,
      slug: env.GITHUB_REPOSITORY,
      root: env.GITHUB_WORKSPACE,
      ...(isPr ? getPrEvent({ env}) : undefined),
    };
  },
};

// https://docs.gitlab.com/ce/ci/variables/README.html

var gitlab = {
  detect({ env }) {
    return Boolean(env.GITLAB_CI);
  },
  configuration({ env }) {
    const pr = env.CI_MERGE_REQUEST_ID;
    const isPr = Boolean(pr);

    return {
      name: "GitLab CI/CD",
      service: "gitlab",
      commit: env.CI_COMMIT_SHA,
      tag: env.CI_COMMIT_TAG,
      build: env.CI_PIPELINE_ID,
      buildUrl: `${env.CI_PROJECT_URL}/pipelines/${env.CI_PIPELINE_ID}`,
      job: env.CI_JOB_ID,
      jobUrl: `${env.CI_PROJECT_URL}/-/jobs/${env.CI_JOB_ID}`,
      branch: isPr
        ? env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME
        : env.CI_COMMIT_REF_NAME,
      pr,
      isPr,
      prBranch: env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME,
      slug: env.CI_PROJECT_PATH,
      root: env.CI_PROJECT_DIR,
    };
  },
};

// https://wiki.jenkins.io/display/JENKINS/Building+a+software+project

var jenkins = {
  detect({ env }) {
    return Boolean(env.JENKINS_URL);
  },
  configuration({ env, cwd }) {
    const pr = env.ghprbPullId || env.gitlabMergeRequestId || env.CHANGE_ID;
    const isPr = Boolean(pr);
    const localBranch =
      env.GIT_LOCAL_BRANCH ||
      env.GIT_BRANCH ||
      env.gitlabBranch ||
      env.BRANCH_NAME;

    return {
      name: "Jenkins",
      service: "jenkins",
      commit: env.ghprbActualCommit || env.GIT_COMMIT || head({ env, cwd }),
      branch: isPr
        ? env.ghprbTargetBranch || env.gitlabTargetBranch
        : localBranch,
      build: env.BUILD_NUMBER,
      buildUrl: env.BUILD_URL,
      root: env.WORKSPACE,
      pr,
      isPr,
      prBranch: isPr
        ? env.ghprbSourceBranch || env.gitlabSourceBranch || localBranch
        : undefined,
    };
  },
};

// https://docs.netlify.com/configure-builds/environment-variables/#netlify-configuration-variables

var netlify = {
  detect({ env }) {
    return env.NETLIFY === "true";
  },
  configuration({ env }) {
    const isPr = env.PULL_REQUEST === "true";

    return {
      name: "Netlify",
      service: "netlify",
      commit: env.COMMIT_REF,
      build: env.DEPLOY_ID,
      buildUrl: `https://app.netlify.com/sites/${env.SITE_NAME}/deploys/${env.DEPLOY_ID}`,
      branch: isPr ? undefined : env.HEAD,
      pr: env.REVIEW_ID,
      isPr,
      prBranch: isPr ? env.HEAD : undefined,
      slug: env.REPOSITORY_URL.match(/[^/:]+\/[^/]+?$/)[0],
      root: env.PWD,
    };
  },
};

// https://puppet.com/docs/pipelines-for-apps/enterprise/environment-variable.html

var puppet = {
  detect({ env }) {
    return Boolean(env.DISTELLI_APPNAME);
  },
  configuration({ env }) {
    return {
      name: "Puppet",
      service: "puppet",
      build: env.DISTELLI_BUILDNUM,
      buildUrl: env.DISTELLI_RELEASE,
      commit: env.DISTELLI_RELREVISION,
      branch: env.DISTELLI_RELBRANCH,
      root: env.DISTELLI_INSTALLHOME,
    };
  },
};

// https://sail.ci/docs/environment-variables

var sail = {
  detect({ env }) {
    return Boolean(env.SAILCI);
  },
  configuration({ env }) {
    const pr = env.SAIL_PULL_REQUEST_NUMBER;
    const isPr = Boolean(pr);

    return {
      name: "Sail CI",
      service: "sail",
      commit: env.SAIL_COMMIT_SHA,
      branch: isPr ? undefined : env.SAIL_COMMIT_BRANCH,
      pr,
      isPr,
      slug: `${env.SAIL_REPO_OWNER}/${env.SAIL_REPO_NAME}`,
      root: env.SAIL_CLONE_DIR,
    };
  },
};

// https://docs.screwdriver.cd/user-guide/environment-variables

var screwdriver = {
  detect({ env }) {
    return Boolean(env.SCREWDRIVER);
  },
  configuration({ env }) {
    const pr = env.SD_PULL_REQUEST;
    const isPr = Boolean(pr);

    return {
      name: "Screwdriver.cd",
      service: "screwdriver",
      branch: isPr ? env.PR_BASE_BRANCH_NAME : env.GIT_BRANCH,
      prBranch: isPr ? env.PR_BRANCH_NAME : undefined,
      commit: env.SD_BUILD_SHA,
      build: env.SD_BUILD_ID,
      buildUrl: env.SD_UI_BUILD_URL,
      job: env.SD_JOB_ID,
      pr,
      isPr,
      slug: env.SD_PIPELINE_NAME,
      root: env.SD_ROOT_DIR,
    };
  },
};

// https://scrutinizer-ci.com/docs/build/environment-variables

var scrutinizer = {
  detect({ env }) {
    return Boolean(env.SCRUTINIZER);
  },
  configuration({ env }) {
    const pr = env.SCRUTINIZER_PR_NUMBER;
    const isPr = Boolean(pr);

    return {
      name: "Scrutinizer",
      service: "scrutinizer",
      commit: env.SCRUTINIZER_SHA1,
      build: env.SCRUTINIZER_INSPECTION_UUID,
      branch: env.SCRUTINIZER_BRANCH,
      pr,
      isPr,
      prBranch: env.SCRUTINIZER_PR_SOURCE_BRANCH,
    };
  },
};

// 1.0: https://semaphoreci.com/docs/available-environment-variables.html
// 2.0: https://docs.semaphoreci.com/article/12-environment-variables

var semaphore = {
  detect({ env }) {
    return Boolean(env.SEMAPHORE);
  },
  configuration({ env, cwd }) {
    const pr = env.SEMAPHORE_GIT_PR_NUMBER || env.PULL_REQUEST_NUMBER;
    const isPr = Boolean(pr);

    return {
      name: "Semaphore",
      service: "semaphore",
      commit: env.SEMAPHORE_GIT_SHA || head({ env, cwd }),
      tag: env.SEMAPHORE_GIT_TAG_NAME,
      build: env.SEMAPHORE_JOB_ID || env.SEMAPHORE_BUILD_NUMBER,
      branch: env.SEMAPHORE_GIT_BRANCH || (isPr ? undefined : env.BRANCH_NAME),
      pr,
      isPr,
      prBranch:
        env.SEMAPHORE_GIT_PR_BRANCH || (isPr ? env.BRANCH_NAME : undefined),
      slug: env.SEMAPHORE_GIT_REPO_SLUG || env.SEMAPHORE_REPO_SLUG,
      root: env.SEMAPHORE_GIT_DIR || env.SEMAPHORE_PROJECT_DIR,
    };
  },
};

// http://docs.shippable.com/ci/env-vars/#stdEnv

var shippable = {
  detect({ env }) {
    return Boolean(env.SHIPPABLE);
  },
  configuration({ env }) {
    const pr = env.IS_PULL_REQUEST === "true" ? env.PULL_REQUEST : undefined;
    const isPr = Boolean(pr);

    return {
      name: "Shippable",
      service: "shippable",
      commit: env.COMMIT,
      tag: env.GIT_TAG_NAME,
      build: env.BUILD_NUMBER,
      buildUrl: env.BUILD_URL,
      branch: isPr ? env.BASE_BRANCH : env.BRANCH,
      job: env.JOB_NUMBER,
      pr,
      isPr,
      prBranch: isPr ? env.HEAD_BRANCH : undefined,
      slug: env.SHIPPABLE_REPO_SLUG,
      root: env.SHIPPABLE_BUILD_DIR,
    };
  },
};

var distNode = {};

var hasRequiredDistNode;

function requireDistNode () {
	if (hasRequiredDistNode) return distNode;
	hasRequiredDistNode = 1;

	Object.defineProperty(distNode, "__esModule", {
	  value: true
	});
	distNode.of = distNode.PropertiesFile = void 0;

	var _fs = _interopRequireDefault(require$$0$1);

	function _interopRequireDefault(obj) {
	  return obj && obj.__esModule ? obj : {
	    default: obj
	  };
	}
	/*
	 * properties
	 *
	 * Copyright (c) 2013 Matt Steele
	 * Licensed under the MIT license.
	 */


	class PropertiesFile {
	  constructor(...args) {
	    this.objs = {};

	    if (args.length) {
	      this.of.apply(this, args);
	    }
	  }

	  makeKeys(line) {
	    if (line && line.indexOf('#') !== 0) {
	      //let splitIndex = line.indexOf('=');
	      let separatorPositions = ['=', ':'].map(sep => {
	        return line.indexOf(sep);
	      }).filter(index => {
	        return index > -1;
	      });
	      let splitIndex = Math.min(...separatorPositions);
	      let key = line.substring(0, splitIndex).trim();
	      let value = line.substring(splitIndex + 1).trim(); // if keys already exists ...

	      if (this.objs.hasOwnProperty(key)) {
	        // if it is already an Array
	        if (Array.isArray(this.objs[key])) {
	          // just push the new value
	          this.objs[key].push(value);
	        } else {
	          // transform the value into Array
	          let oldValue = this.objs[key];
	          this.objs[key] = [oldValue, value];
	        }
	      } else {
	        // the key does not exists
	        const escapedValue = value.replace(/"/g, '\\"') // escape "
	        .replace(/\\:/g, ':') // remove \ before :
	        .replace(/\\=/g, '='); // remove \ before =

	        this.objs[key] = unescape(JSON.parse('"' + escapedValue + '"'));
	      }
	    }
	  }

	  addFile(file) {
	    let data = _fs.default.readFileSync(file, 'utf-8');

	    let items = data.split(/\r?\n/);
	    let me = this;

	    for (let i = 0; i < items.length; i++) {
	      let line = items[i];

	      while (line.substring(line.length - 1) === '\\') {
	        line = line.slice(0, -1);
	        let nextLine = items[i + 1];
	        line = line + nextLine.trim();
	        i++;
	      }

	      me.makeKeys(line);
	    }
	  }

	  of(...args) {
	    for (let i = 0; i < args.length; i++) {
	      this.addFile(args[i]);
	    }
	  }

	  get(key, defaultValue) {
	    if (this.objs.hasOwnProperty(key)) {
	      if (Array.isArray(this.objs[key])) {
	        let ret = [];

	        for (let i = 0; i < this.objs[key].length; i++) {
	          ret[i] = this.interpolate(this.objs[key][i]);
	        }

	        return ret;
	      } else {
	        return typeof this.objs[key] === 'undefined' ? '' : this.interpolate(this.objs[key]);
	      }
	    }

	    return defaultValue;
	  }

	  getLast(key, defaultValue) {
	    if (this.objs.hasOwnProperty(key)) {
	      if (Array.isArray(this.objs[key])) {
	        var lg = this.objs[key].length;
	        return this.interpolate(this.objs[key][lg - 1]);
	      } else {
	        return typeof this.objs[key] === 'undefined' ? '' : this.interpolate(this.objs[key]);
	      }
	    }

	    return defaultValue;
	  }

	  getFirst(key, defaultValue) {
	    if (this.objs.hasOwnProperty(key)) {
	      if (Array.isArray(this.objs[key])) {
	        return this.interpolate(this.objs[key][0]);
	      } else {
	        return typeof this.objs[key] === 'undefined' ? '' : this.interpolate(this.objs[key]);
	      }
	    }

	    return defaultValue;
	  }

	  getInt(key, defaultIntValue) {
	    let val = this.getLast(key);

	    if (!val) {
	      return defaultIntValue;
	    } else {
	      return parseInt(val, 10);
	    }
	  }

	  getFloat(key, defaultFloatValue) {
	    let val = this.getLast(key);

	    if (!val) {
	      return defaultFloatValue;
	    } else {
	      return parseFloat(val);
	    }
	  }

	  getBoolean(key, defaultBooleanValue) {
	    function parseBool(b) {
	      return !/^(false|0)$/i.test(b) && !!b;
	    }

	    let val = this.getLast(key);

	    if (!val) {
	      return defaultBooleanValue || false;
	    } else {
	      return parseBool(val);
	    }
	  }

	  set(key, value) {
	    this.objs[key] = value;
	  }

	  interpolate(s) {
	    let me = this;
	    return s.replace(/\\\\/g, '\\').replace(/\$\{([A-Za-z0-9\.\-\_]*)\}/g, function (match) {
	      return me.getLast(match.substring(2, match.length - 1));
	    });
	  }

	  getKeys() {
	    let keys = [];

	    for (let key in this.objs) {
	      keys.push(key);
	    }

	    return keys;
	  }

	  getMatchingKeys(matchstr) {
	    let keys = [];

	    for (let key in this.objs) {
	      if (key.search(matchstr) !== -1) {
	        keys.push(key);
	      }
	    }

	    return keys;
	  }

	  reset() {
	    this.objs = {};
	  }

	} // Retain 'of' from v1 for backward compatibility


	distNode.PropertiesFile = PropertiesFile;

	let of = function of(...args) {
	  let globalFile = new PropertiesFile();
	  globalFile.of.apply(globalFile, args);
	  return globalFile;
	};

	distNode.of = of;
	return distNode;
}

var distNodeExports = /*@__PURE__*/ requireDistNode();
var javaProperties = /*@__PURE__*/getDefaultExportFromCjs(distNodeExports);

// https://confluence.jetbrains.com/display/TCD10/Predefined+Build+Parameters


const PROPERTIES_MAPPING = {
  root: "teamcity.build.workingDir",
  branch: "teamcity.build.branch",
};

const safeReadProperties = (filePath) => {
  try {
    return javaProperties.of(filePath);
  } catch {
    return undefined;
  }
};

const getProperties = ({ env, cwd }) => {
  const buildProperties = env.TEAMCITY_BUILD_PROPERTIES_FILE
    ? safeReadProperties(env.TEAMCITY_BUILD_PROPERTIES_FILE)
    : undefined;
  const configFile = buildProperties
    ? buildProperties.get("teamcity.configuration.properties.file")
    : undefined;
  const configProperties = configFile
    ? safeReadProperties(configFile)
    : configFile;

  return Object.fromEntries(
    Object.keys(PROPERTIES_MAPPING).map((key) => [
      key,
      (buildProperties
        ? buildProperties.get(PROPERTIES_MAPPING[key])
        : undefined) ||
        (configProperties
          ? configProperties.get(PROPERTIES_MAPPING[key])
          : undefined) ||
        (key === "branch" ? branch({ env, cwd }) : undefined),
    ]),
  );
};

var teamcity = {
  detect({ env }) {
    return Boolean(env.TEAMCITY_VERSION);
  },
  configuration({ env, cwd }) {
    return {
      name: "TeamCity",
      service: "teamcity",
      commit: env.BUILD_VCS_NUMBER,
      build: env.BUILD_NUMBER,
      slug: env.TEAMCITY_BUILDCONF_NAME,
      ...getProperties({ env, cwd }),
    };
  },
};

// https://docs.travis-ci.com/user/environment-variables#default-environment-variables

var travis = {
  detect({ env }) {
    return Boolean(env.TRAVIS);
  },
  configuration({ env }) {
    const pr =
      env.TRAVIS_PULL_REQUEST === "false" ? undefined : env.TRAVIS_PULL_REQUEST;
    const isPr = Boolean(pr);

    return {
      name: "Travis CI",
      service: "travis",
      commit: env.TRAVIS_COMMIT,
      tag: env.TRAVIS_TAG,
      build: env.TRAVIS_BUILD_NUMBER,
      buildUrl: env.TRAVIS_BUILD_WEB_URL,
      branch: env.TRAVIS_BRANCH,
      job: env.TRAVIS_JOB_NUMBER,
      jobUrl: env.TRAVIS_JOB_WEB_URL,
      pr,
      isPr,
      prBranch: env.TRAVIS_PULL_REQUEST_BRANCH,
      slug: env.TRAVIS_REPO_SLUG,
      root: env.TRAVIS_BUILD_DIR,
    };
  },
};

// https://go-vela.github.io/docs/reference/environment/variables/

var vela = {
  detect({ env }) {
    return Boolean(env.VELA);
  },
  configuration({ env }) {
    const isPr = env.VELA_BUILD_EVENT === "pull_request";

    return {
      name: "Vela",
      service: "vela",
      branch: isPr ? env.VELA_PULL_REQUEST_TARGET : env.VELA_BUILD_BRANCH,
      commit: env.VELA_BUILD_COMMIT,
      tag: env.VELA_BUILD_TAG,
      build: env.VELA_BUILD_NUMBER,
      buildUrl: env.VELA_BUILD_LINK,
      job: undefined,
      jobUrl: undefined,
      isPr,
      pr: env.VELA_BUILD_PULL_REQUEST,
      prBranch: env.VELA_PULL_REQUEST_SOURCE,
      slug: env.VELA_REPO_FULL_NAME,
      root: env.VELA_BUILD_WORKSPACE,
    };
  },
};

// https://vercel.com/docs/environment-variables

var vercel = {
  detect({ env }) {
    return Boolean(env.VERCEL) || Boolean(env.NOW_GITHUB_DEPLOYMENT);
  },
  configuration({ env }) {
    const name = "Vercel";
    const service = "vercel";

    if (env.VERCEL) {
      return {
        name,
        service,
        commit: env.VERCEL_GIT_COMMIT_SHA,
        branch: env.VERCEL_GIT_COMMIT_REF,
        slug: `${env.VERCEL_GIT_REPO_OWNER}/${env.VERCEL_GIT_REPO_SLUG}`,
      };
    }

    return {
      name,
      service,
      commit: env.NOW_GITHUB_COMMIT_SHA,
      branch: env.NOW_GITHUB_COMMIT_REF,
      slug: `${env.NOW_GITHUB_ORG}/${env.NOW_GITHUB_REPO}`,
    };
  },
};

// http://devcenter.wercker.com/docs/environment-variables/available-env-vars#hs_cos_wrapper_name

var wercker = {
  detect({ env }) {
    return Boolean(env.WERCKER_MAIN_PIPELINE_STARTED);
  },
  configuration({ env }) {
    return {
      name: "Wercker",
      service: "wercker",
      commit: env.WERCKER_GIT_COMMIT,
      build: env.WERCKER_MAIN_PIPELINE_STARTED,
      buildUrl: env.WERCKER_RUN_URL,
      branch: env.WERCKER_GIT_BRANCH,
      slug: `${env.WERCKER_GIT_OWNER}/${env.WERCKER_GIT_REPOSITORY}`,
      root: env.WERCKER_ROOT,
    };
  },
};

// https://woodpecker-ci.org/docs/usage/environment#built-in-environment-variables

var woodpecker = {
  detect({ env }) {
    return env.CI && env.CI === "woodpecker";
  },
  configuration({ env }) {
    const isPr = env.CI_PIPELINE_EVENT === "pull_request";

    return {
      name: "Woodpecker CI",
      service: "woodpecker",
      commit: env.CI_COMMIT_SHA,
      tag: env.CI_COMMIT_TAG,
      build: env.CI_PIPELINE_NUMBER,
      buildUrl: env.CI_PIPELINE_URL,
      branch: isPr ? env.CI_COMMIT_TARGET_BRANCH : env.CI_COMMIT_BRANCH,
      job: env.CI_STEP_NUMBER,
      jobUrl: env.CI_STEP_URL,
      pr: env.CI_COMMIT_PULL_REQUEST,
      isPr,
      prBranch: isPr ? env.CI_COMMIT_SOURCE_BRANCH : undefined,
      slug: `${env.CI_REPO_OWNER}/${env.CI_REPO_NAME}`,
      root: env.CI_WORKSPACE,
    };
  },
};

// https://jetbrains.com/help/space/automation-environment-variables.html#automation

var jetbrainsSpace = {
  detect({ env }) {
    return Boolean(env.JB_SPACE_EXECUTION_NUMBER);
  },
  configuration({ env }) {
    const projectKey = env.JB_SPACE_PROJECT_KEY;
    const repositoryName = env.JB_SPACE_GIT_REPOSITORY_NAME;
    return {
      name: "JetBrains Space",
      service: "jetbrainsSpace",
      commit: env.JB_SPACE_GIT_REVISION,
      build: env.JB_SPACE_EXECUTION_NUMBER,
      branch: parseBranch(env.JB_SPACE_GIT_BRANCH),
      slug:
        projectKey && repositoryName
          ? `${projectKey.toLowerCase()}/${repositoryName}`
          : undefined,
    };
  },
};

const services = {
  appveyor,
  azurePipelines,
  bamboo,
  bitbucket,
  bitrise,
  buddy,
  buildkite,
  circleci,
  cirrus,
  cloudflarePages,
  codebuild,
  codefresh,
  codeship,
  drone,
  github,
  gitlab,
  jenkins,
  netlify,
  puppet,
  sail,
  screwdriver,
  scrutinizer,
  semaphore,
  shippable,
  teamcity,
  travis,
  vela,
  vercel,
  wercker,
  woodpecker,
  jetbrainsSpace,
};

var envCi = ({ env = process.env, cwd = process.cwd() } = {}) => {
  for (const name of Object.keys(services)) {
    if (services[name].detect({ env, cwd })) {
      return { isCi: true, ...services[name].configuration({ env, cwd }) };
    }
  }

  return { isCi: Boolean(env.CI), ...git$1.configuration({ env, cwd }) };
};

const MAX_BUFFER = 64 * 1024 * 1024;
function git(dir, args) {
  return new Promise((resolve) => {
    childProcess.execFile(
      "git",
      ["--no-optional-locks", "-c", "core.quotepath=off", "-c", "color.ui=never", ...args],
      { cwd: dir, maxBuffer: MAX_BUFFER, windowsHide: true, encoding: "utf8" },
      (err, stdout) => resolve(err ? void 0 : stdout)
    );
  });
}
const SEP = "";
async function readGitFacts(host, dir) {
  const cwd = path.resolve(host.cwd, dir ?? ".");
  const [top, head, branchOut, count, url, refs, grep] = await Promise.all([
    git(cwd, ["rev-parse", "--show-toplevel"]),
    git(cwd, [
      "log",
      "-1",
      `--format=%H${SEP}%h${SEP}%cI${SEP}%G?${SEP}%(trailers:key=Signed-off-by,valueonly,separator=%x2C )${SEP}%an`,
      "HEAD",
      "--"
    ]),
    git(cwd, ["rev-parse", "--abbrev-ref", "HEAD"]),
    git(cwd, ["rev-list", "--count", "HEAD", "--"]),
    git(cwd, ["config", "--get", "remote.origin.url"]),
    git(cwd, ["for-each-ref", "--format=%(refname)", "refs/heads", "refs/remotes"]),
    git(cwd, ["grep", "-I", "-c", "-e", "", "--", "."])
  ]);
  if (top === void 0) return { isRepo: false };
  const facts = { isRepo: true };
  if (head) {
    const [commit, shortSha, ts, sig, signed, author] = head.replace(/\n$/, "").split(SEP);
    facts.commit = commit || void 0;
    facts.shortSha = shortSha || void 0;
    facts.commitTimestamp = ts || void 0;
    facts.verifyCommit = ["G", "U", "X", "Y", "R"].includes((sig ?? "").trim());
    const so = (signed ?? "").trim().replace(/,\s*$/, "");
    if (so) facts.signedOffBy = so;
    if (author) facts.commitAuthors = [author.trim()];
  }
  const branch = branchOut?.trim();
  if (branch && branch !== "HEAD") facts.branch = branch;
  if (count !== void 0 && /^\d+$/.test(count.trim())) facts.commitCount = Number(count.trim());
  if (url?.trim()) Object.assign(facts, parseRemoteUrl(url.trim()));
  if (grep !== void 0) facts.linesTotal = sumGrepCounts(grep);
  else if (facts.commit) facts.linesTotal = 0;
  if (facts.commit && refs !== void 0) {
    Object.assign(facts, await branchPoint(cwd, facts, refs));
  }
  return facts;
}
function sumGrepCounts(out) {
  let total = 0;
  for (const line of out.split("\n")) {
    const i = line.lastIndexOf(":");
    if (i < 0) continue;
    const n = Number(line.slice(i + 1));
    if (Number.isFinite(n)) total += n;
  }
  return total;
}
async function branchPoint(cwd, facts, refsOut) {
  const own = facts.branch;
  const others = refsOut.split("\n").map((r) => r.trim()).filter((r) => r && !r.endsWith("/HEAD")).filter((r) => {
    if (!own) return true;
    if (r === `refs/heads/${own}`) return false;
    const m = /^refs\/remotes\/[^/]+\/(.+)$/.exec(r);
    return !(m && m[1] === own);
  });
  const authorsOf = async (range) => {
    const out = await git(cwd, ["log", "--max-count=10000", "--format=%an", ...range, "--"]);
    if (out === void 0) return void 0;
    const seen = [];
    for (const a of out.split("\n").map((s) => s.trim())) {
      if (a && !isBot(a) && !seen.includes(a)) seen.push(a);
    }
    return seen;
  };
  if (others.length === 0) {
    const authors2 = await authorsOf(["HEAD"]);
    return authors2 && authors2.length ? { commitAuthors: authors2 } : {};
  }
  const walk = await git(cwd, [
    "log",
    "--first-parent",
    "--boundary",
    `--format=%m${SEP}%H${SEP}%cI`,
    "HEAD",
    "--not",
    ...others,
    "--"
  ]);
  if (walk === void 0) return {};
  let fork;
  for (const line of walk.split("\n")) {
    const [mark, sha, ts] = line.split(SEP);
    if (mark === "-" && sha) {
      fork = { sha, ts };
      break;
    }
  }
  if (!fork) {
    const onOther = walk.trim() === "";
    if (!onOther) {
      const authors2 = await authorsOf(["HEAD"]);
      return authors2 && authors2.length ? { commitAuthors: authors2 } : {};
    }
    fork = { sha: facts.commit, ts: facts.commitTimestamp ?? "" };
  }
  const [containing, authors] = await Promise.all([
    git(cwd, ["for-each-ref", "--sort=-committerdate", "--format=%(refname)", `--contains=${fork.sha}`, ...others]),
    fork.sha === facts.commit ? Promise.resolve(facts.commitAuthors) : authorsOf([`${fork.sha}..HEAD`])
  ]);
  const parentRef = containing?.split("\n").map((s) => s.trim()).find(Boolean);
  return {
    ...parentRef ? { branchParent: shortRefName(parentRef) } : {},
    branchCreateCommit: fork.sha,
    ...fork.ts ? { branchCreateTimestamp: fork.ts } : {},
    ...authors && authors.length ? { commitAuthors: authors } : {}
  };
}
function shortRefName(ref) {
  if (ref.startsWith("refs/heads/")) return ref.slice("refs/heads/".length);
  const m = /^refs\/remotes\/[^/]+\/(.+)$/.exec(ref);
  return m ? m[1] : ref;
}
function isBot(author) {
  return /dependabot/i.test(author) || /\[bot\]$/i.test(author);
}
function stripUrlCredentials(url) {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
}
function parseRemoteUrl(raw) {
  const url = stripUrlCredentials(raw);
  let p;
  const scp = /^[^/:@]+@[^:/]+:(.*)$/.exec(url);
  if (scp && !url.includes("://")) p = scp[1];
  else {
    try {
      p = new URL(url).pathname;
    } catch {
      p = url;
    }
  }
  const parts = p.replace(/\/+$/, "").replace(/\.git$/, "").split("/").filter(Boolean);
  const repoProject = parts[parts.length - 1];
  const org = parts.length >= 2 ? parts[parts.length - 2] : void 0;
  return {
    url,
    ...repoProject ? { repoProject } : {},
    ...org ? { org } : {},
    ...org && repoProject ? { repo: `${org}/${repoProject}` } : {}
  };
}
const REV = /^[A-Za-z0-9_][A-Za-z0-9_./~^@{}-]*$/;
async function diffStat(host, from, to, dir) {
  const zero = { added: 0, deleted: 0 };
  if (!from || !to || !REV.test(from) || !REV.test(to)) return zero;
  const cwd = path.resolve(host.cwd, ".");
  const out = await git(cwd, ["diff", "--shortstat", `${from}^{commit}`, `${to}^{commit}`, "--"]);
  if (out === void 0) return zero;
  const added = /(\d+) insertions?\(\+\)/.exec(out);
  const deleted = /(\d+) deletions?\(-\)/.exec(out);
  return { added: added ? Number(added[1]) : 0, deleted: deleted ? Number(deleted[1]) : 0 };
}

const FILLERS = {
  github: (env, base) => {
    const server = val(env.GITHUB_SERVER_URL);
    const repo = val(env.GITHUB_REPOSITORY);
    const runId = val(env.GITHUB_RUN_ID);
    const ref = val(env.GITHUB_REF);
    const isTag = env.GITHUB_REF_TYPE === "tag" || (ref?.startsWith("refs/tags/") ?? false);
    const tag = isTag ? val(env.GITHUB_REF_NAME) ?? ref?.replace(/^refs\/tags\//, "") : void 0;
    const isPr = /^pull_request/.test(env.GITHUB_EVENT_NAME ?? "");
    return {
      buildId: runId,
      buildNumber: val(env.GITHUB_RUN_NUMBER),
      buildUrl: server && repo && runId ? `${server}/${repo}/actions/runs/${runId}` : void 0,
      repo,
      repoUrl: server && repo ? `${server}/${repo}` : void 0,
      actor: val(env.GITHUB_ACTOR) ?? val(env.GITHUB_TRIGGERING_ACTOR),
      tag,
      // env-ci calls a tag ref a branch; a pull request's base ref is its branch and its head ref the prBranch
      branch: isTag ? void 0 : isPr ? val(env.GITHUB_BASE_REF) ?? base.branch : val(env.GITHUB_REF_NAME) ?? base.branch,
      prBranch: isPr ? val(env.GITHUB_HEAD_REF) : void 0
    };
  },
  circleci: (env) => {
    const user = val(env.CIRCLE_PROJECT_USERNAME);
    const name = val(env.CIRCLE_PROJECT_REPONAME);
    return {
      buildId: val(env.CIRCLE_BUILD_NUM) ?? val(env.CIRCLE_WORKFLOW_ID),
      buildNumber: val(env.CIRCLE_BUILD_NUM),
      buildUrl: val(env.CIRCLE_BUILD_URL),
      repo: user && name ? `${user}/${name}` : void 0,
      repoUrl: val(env.CIRCLE_REPOSITORY_URL),
      actor: val(env.CIRCLE_USERNAME)
    };
  },
  buildkite: (env) => {
    const url = val(env.BUILDKITE_BUILD_URL);
    const job = val(env.BUILDKITE_JOB_ID);
    const pr = val(env.BUILDKITE_PULL_REQUEST);
    return {
      buildId: val(env.BUILDKITE_BUILD_ID) ?? val(env.BUILDKITE_BUILD_NUMBER),
      buildNumber: val(env.BUILDKITE_BUILD_NUMBER),
      buildUrl: url,
      jobUrl: url && job ? `${url}#${job}` : void 0,
      repoUrl: val(env.BUILDKITE_REPO),
      actor: val(env.BUILDKITE_BUILD_CREATOR) ?? val(env.BUILDKITE_BUILD_AUTHOR),
      pr: pr && pr !== "false" ? pr : void 0
    };
  },
  jenkins: (env, base) => {
    const pr = val(env.CHANGE_ID);
    const branch = val(env.BRANCH_NAME) ?? val(env.GIT_LOCAL_BRANCH) ?? stripRemote(val(env.GIT_BRANCH));
    return {
      buildId: val(env.BUILD_ID) ?? val(env.BUILD_NUMBER),
      buildNumber: val(env.BUILD_NUMBER),
      buildUrl: val(env.BUILD_URL),
      jobUrl: val(env.JOB_URL),
      commit: val(env.GIT_COMMIT) ?? base.commit,
      branch: pr ? val(env.CHANGE_TARGET) ?? base.branch : branch ?? base.branch,
      prBranch: pr ? val(env.CHANGE_BRANCH) ?? branch : void 0,
      pr,
      repoUrl: val(env.GIT_URL),
      actor: val(env.BUILD_USER_ID) ?? val(env.CHANGE_AUTHOR)
    };
  }
};
function readCiContext(env, cwd, git) {
  let detected;
  try {
    detected = envCi({ env: { ...env }, cwd });
  } catch {
    try {
      detected = envCi({ env: { ...env, GITHUB_EVENT_PATH: void 0 }, cwd });
    } catch {
      detected = { isCi: Boolean(val(env.CI)) };
    }
  }
  const provider = detected.service ?? "local";
  const base = clean({
    provider,
    isCi: detected.isCi || provider !== "local",
    buildId: val(detected.build),
    buildNumber: val(detected.build),
    buildUrl: noUndefinedParts(detected.buildUrl),
    jobUrl: noUndefinedParts(detected.jobUrl),
    commit: val(detected.commit),
    branch: val(detected.branch),
    tag: val(detected.tag),
    repo: validSlug(detected.slug),
    pr: detected.pr === void 0 || detected.pr === null ? void 0 : val(String(detected.pr)),
    prBranch: val(detected.prBranch)
  });
  const filler = FILLERS[provider];
  const ctx = filler ? { ...base, ...clean(filler(env, base)), provider, isCi: true } : base;
  if (ctx.branch?.startsWith("refs/")) delete ctx.branch;
  if (ctx.prBranch?.startsWith("refs/")) delete ctx.prBranch;
  if (ctx.repoUrl) {
    ctx.repoUrl = stripUrlCredentials(ctx.repoUrl);
    ctx.repo ??= parseRemoteUrl(ctx.repoUrl).repo;
  }
  for (const k of ["buildUrl", "jobUrl"]) {
    const v = ctx[k];
    if (v) ctx[k] = stripUrlCredentials(v);
  }
  return clean(ctx);
}
function val(s) {
  if (s === void 0 || s === null) return void 0;
  const t = String(s).trim();
  return t === "" || t === "undefined" ? void 0 : t;
}
function validSlug(s) {
  return noUndefinedParts(s);
}
function noUndefinedParts(s) {
  const v = val(s);
  return v && !/(^|\/)undefined(\/|$)/.test(v) ? v : void 0;
}
function stripRemote(branch) {
  return branch?.replace(/^(refs\/heads\/|refs\/remotes\/[^/]+\/|origin\/)/, "");
}
function clean(o) {
  const out = { ...o };
  for (const [k, v] of Object.entries(out)) {
    if (v === void 0) delete out[k];
  }
  return out;
}

const OPERATIONS = ["version-update", "move", "approve", "deploy", "envscript"];
const QUERIES = ["status", "history", "diff", "graph"];
const COMMANDS = [...OPERATIONS, ...QUERIES];
const ALL = COMMANDS;
const MUTATING = ["version-update", "move", "approve", "deploy", "envscript"];
const INPUTS = [
  // --- backend and connection -------------------------------------------------------------------------
  {
    name: "backend",
    type: "enum",
    values: ["local", "ortelius"],
    description: "Where releases are recorded: `local` (embedded store in --state-dir) or `ortelius` (an Ortelius/DeployHub server). Default: `ortelius` when DHURL is set, else `local`.",
    commands: ALL,
    env: ["SHIPLOG_BACKEND"]
  },
  {
    name: "state-dir",
    type: "string",
    description: "Directory of the embedded store (local backend).",
    commands: ALL,
    default: ".shiplog",
    env: ["SHIPLOG_STATE_DIR"]
  },
  {
    name: "config",
    type: "string",
    description: "Pipeline config (stages, approval gates, environments). Missing file: dev -> qa -> prod, prod gated.",
    commands: ALL,
    default: "shiplog.toml",
    env: ["SHIPLOG_CONFIG"]
  },
  {
    name: "dhurl",
    type: "string",
    description: "Ortelius/DeployHub server URL (ortelius backend).",
    commands: ALL,
    env: ["DHURL"],
    example: "https://console.deployhub.com"
  },
  {
    name: "dhuser",
    type: "string",
    description: "Ortelius/DeployHub user (ortelius backend).",
    commands: ALL,
    env: ["DHUSER"]
  },
  {
    name: "dhpass",
    type: "string",
    secret: true,
    description: "Ortelius/DeployHub password (ortelius backend). Prefer the DHPASS environment variable: a flag value can show in process listings.",
    commands: ALL,
    env: ["DHPASS"]
  },
  {
    name: "ca-cert",
    type: "string",
    description: "PEM file with an extra CA to trust for the Ortelius server.",
    commands: ALL,
    aliases: ["cert"],
    env: ["SHIPLOG_CA_CERT"]
  },
  {
    name: "insecure",
    type: "boolean",
    description: "Do not verify the Ortelius server's TLS certificate (warns on every run).",
    commands: ALL,
    default: "false"
  },
  {
    name: "dry-run",
    type: "boolean",
    description: "Print the plan and write nothing.",
    commands: MUTATING,
    default: "false"
  },
  // --- component (version-update, envscript) ----------------------------------------------------------
  {
    name: "toml",
    type: "string",
    description: "component.toml to read (Name, Variant, Version, Application, [Attributes], [Export]). When missing, Name/Variant/Version come from git.",
    commands: ["version-update", "envscript"],
    default: "component.toml",
    aliases: ["rsp", "envvars"]
  },
  {
    name: "component-name",
    type: "string",
    description: "Full component name with its domain, e.g. GLOBAL.Acme.Store.cart. Overrides Name in component.toml.",
    commands: ["version-update", "history"],
    aliases: ["compname"],
    env: ["COMPONENT_NAME"],
    example: "GLOBAL.Acme.Store.cart"
  },
  {
    name: "component-variant",
    type: "string",
    description: "Component variant, usually the branch (`/`, `.`, `-` become `_`). Overrides Variant.",
    commands: ["version-update"],
    aliases: ["compvariant"],
    env: ["COMPONENT_VARIANT"]
  },
  {
    name: "component-version",
    type: "string",
    description: "Component version (`.` and `-` become `_`). Overrides Version.",
    commands: ["version-update"],
    aliases: ["compversion"],
    env: ["COMPONENT_VERSION"],
    example: "v1.2.0-g61ba0ab"
  },
  {
    name: "auto-increment",
    type: "boolean",
    description: "Name the version v<schema>_<commit count>_g<sha> (the documented Ortelius intent) instead of using Version as is. true or false.",
    commands: ["version-update"],
    default: "false",
    aliases: ["compautoinc"],
    env: ["COMPONENT_AUTOINC"]
  },
  {
    name: "kind",
    type: "enum",
    values: ["docker", "file"],
    description: "Component kind.",
    commands: ["version-update"],
    default: "docker"
  },
  {
    name: "attr",
    type: "list",
    description: "Extra attribute KEY=VALUE (repeatable; KEY:VALUE also accepted; VALUE @file reads a file). version-update: stored on the component version, overriding [Attributes] and derived CI/git values. deploy: stored on the deployment.",
    commands: ["version-update", "deploy"],
    aliases: ["compattr"],
    example: "DockerSha=sha256:..."
  },
  {
    name: "sbom",
    type: "list",
    description: "SBOM to attach, TYPE@FILE with TYPE cyclonedx or spdx (repeatable).",
    commands: ["version-update"],
    aliases: ["deppkg"],
    example: "cyclonedx@bom.json"
  },
  // --- application -------------------------------------------------------------------------------------
  {
    name: "application",
    type: "string",
    description: "Full application name with its domain, e.g. GLOBAL.Acme.Store.shop (may carry ;version).",
    commands: ["version-update", "move", "approve", "deploy", "history", "graph", "status"],
    required: ["move", "approve", "deploy", "graph"],
    aliases: ["appname"],
    env: ["COMPONENT_APPLICATION"],
    example: "GLOBAL.Acme.Store.shop"
  },
  {
    name: "app-version",
    type: "string",
    description: "Application version (`.` and `-` become `_`). version-update: the version to create or reuse (default: next after the latest). move/approve/deploy: default the latest.",
    commands: ["version-update", "move", "approve", "deploy"],
    aliases: ["appversion"],
    env: ["COMPONENT_APPLICATION_VERSION"]
  },
  {
    name: "app-auto-increment",
    type: "boolean",
    description: "When the requested application version exists, bump it (1_0_0 -> 1_0_1) instead of reusing it. true or false.",
    commands: ["version-update"],
    default: "false",
    aliases: ["appautoinc"],
    env: ["COMPONENT_APPLICATION_AUTOINC"]
  },
  // --- stages ------------------------------------------------------------------------------------------
  {
    name: "stage",
    type: "string",
    description: "Stage the approval is for. Default: the stage after the application version's current one.",
    commands: ["approve"]
  },
  {
    name: "reject",
    type: "boolean",
    description: "Record a rejection instead of an approval.",
    commands: ["approve"],
    default: "false"
  },
  {
    name: "notes",
    type: "string",
    description: "Free text stored with the approval or move.",
    commands: ["approve", "move"]
  },
  {
    name: "to",
    type: "string",
    description: "move: stage to move the application version into (default: the next stage). diff: second environment.",
    commands: ["move", "diff"],
    required: ["diff"],
    aliases: ["todom"]
  },
  {
    name: "from",
    type: "string",
    description: "move: stage (or Ortelius domain) to move from (default: the current stage). diff: first environment.",
    commands: ["move", "diff"],
    required: ["diff"],
    aliases: ["from_domain", "from-domain"]
  },
  {
    name: "task",
    type: "string",
    description: "Name of the move task (Ortelius: a task of the from-domain). Default: the target stage's task.",
    commands: ["move"]
  },
  // --- deploy ------------------------------------------------------------------------------------------
  {
    name: "env",
    type: "string",
    description: "Environment to deploy to (must exist in the pipeline config).",
    commands: ["deploy", "version-update", "status", "history"],
    required: ["deploy"],
    aliases: ["deployenv", "deploy-env"],
    env: ["DEPLOY_ENV"],
    example: "qa"
  },
  {
    name: "command",
    type: "string",
    description: "Shell command that performs the deployment; shiplog runs it, streams and keeps its output, and records the result. The CLI also accepts the command after `--`.",
    commands: ["deploy"],
    example: "helm upgrade --install shop ./chart"
  },
  {
    name: "exit-code",
    type: "integer",
    description: "Record-only: the exit code of a deployment an earlier step ran.",
    commands: ["deploy"]
  },
  {
    name: "log-file",
    type: "string",
    description: "Record-only: file with the deployment's log to store.",
    commands: ["deploy"]
  },
  {
    name: "log-url",
    type: "string",
    description: "Link to the deployment's log (e.g. the CI job), stored with the deployment.",
    commands: ["deploy"]
  },
  {
    name: "timeout",
    type: "duration",
    description: "How long to follow a deployment before giving up with exit 5 (e.g. 90s, 15m, 1h).",
    commands: ["deploy", "version-update"],
    default: "30m"
  },
  // --- envscript ---------------------------------------------------------------------------------------
  {
    name: "output",
    type: "string",
    description: "File the variables are appended to. Default: print to stdout.",
    commands: ["envscript"],
    aliases: ["envvars_sh"]
  },
  {
    name: "format",
    type: "enum",
    values: ["sh", "dotenv", "json", "github"],
    description: `sh: export KEY='VALUE' lines; dotenv: KEY="VALUE"; json: one object; github: GITHUB_ENV heredoc blocks.`,
    commands: ["envscript"],
    default: "sh"
  },
  // --- queries -----------------------------------------------------------------------------------------
  {
    name: "limit",
    type: "integer",
    description: "At most this many deployments.",
    commands: ["history"],
    default: "20"
  },
  // --- output (CLI only) -------------------------------------------------------------------------------
  {
    name: "json",
    type: "boolean",
    description: "Print exactly one JSON object on stdout (human logs stay on stderr).",
    commands: ALL,
    default: "false",
    cliOnly: true
  },
  {
    name: "debug",
    type: "boolean",
    description: "Show debug lines and stack traces.",
    commands: ALL,
    default: "false",
    cliOnly: true
  }
];
function inputsFor(command, opts = {}) {
  return INPUTS.filter((i) => i.commands.includes(command) && (opts.includeCliOnly || !i.cliOnly));
}
function isRequired(input, command) {
  if (input.required === true) return true;
  if (Array.isArray(input.required)) return input.required.includes(command);
  return false;
}
INPUTS.filter((i) => i.secret).map((i) => i.name);

/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
function getLineColFromPtr(string, ptr) {
    let lines = string.slice(0, ptr).split(/\r?\n/);
    return [lines.length, lines.pop().length + 1];
}
function makeCodeBlock(string, line, column) {
    let lines = string.split(/\r?\n/);
    let codeblock = '';
    let numberLen = (Math.log10(line + 1) | 0) + 1;
    for (let i = line - 1; i <= line + 1; i++) {
        let l = lines[i - 1];
        if (!l)
            continue;
        codeblock += i.toString().padEnd(numberLen, ' ');
        codeblock += ':  ';
        codeblock += l;
        codeblock += '\n';
        if (i === line) {
            codeblock += ' '.repeat(numberLen + column + 2);
            codeblock += '^\n';
        }
    }
    return codeblock;
}
class TomlError extends Error {
    line;
    column;
    codeblock;
    constructor(message, options) {
        const [line, column] = getLineColFromPtr(options.toml, options.ptr);
        const codeblock = makeCodeBlock(options.toml, line, column);
        super(`Invalid TOML document: ${message}\n\n${codeblock}`, options);
        this.line = line;
        this.column = column;
        this.codeblock = codeblock;
    }
    /** @internal */
    static x(message, ctx, ptr) {
        throw new TomlError(message, { toml: ctx.s, ptr: ptr ?? ctx.p });
    }
}

/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
/** @internal */
function parseString(ctx) {
    let startPtr = ctx.p;
    let c = ctx.s.charCodeAt(ctx.p++);
    let first = c;
    let isLiteral = c === 0x27; /* ' */
    let isMultiline = c === ctx.s.charCodeAt(ctx.p) && c === ctx.s.charCodeAt(ctx.p + 1);
    if (isMultiline) {
        // Trim initial newline
        if ((c = ctx.s.charCodeAt(ctx.p += 2)) === 0xa /* \n */)
            ctx.p++;
        else if (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */)
            ctx.p += 2;
    }
    // For the record: it is not worth it to use a fast-path for literal strings using `indexOf`.
    // Doing a char-by-char iteration ends up dispatching less instructions, for the same wall-clock runtime.
    let parsed = '';
    let sliceStart = ctx.p;
    // states:
    //   0 - decoding
    //   1 - decoding escape
    //   2 - whitespace escape (no newline encountered yet, must fail on non-whitespace)
    //   3 - whitespace escape (newline encountered, allowed to transition back to normal decode)
    let state = 0;
    for (; ctx.p < ctx.s.length; ctx.p++) {
        c = ctx.s.charCodeAt(ctx.p);
        // Deal with newlines first, since that simplifies control character checking and handling across all states
        if (isMultiline && (c === 0xa /* \n */ || (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */))) {
            state = state && 3;
        }
        // Control characters are banned in TOML, so we throw an error if we encounter them
        else if ((c < 0x20 && c !== 0x9 /* \t */) || c === 0x7f) {
            TomlError.x('control characters are not allowed in strings', ctx);
        }
        // The string might terminate while we're parsing through a newline escape.
        // It must have encountered a newline; otherwise, it'll simply fail in another branch.
        else if ((!state || state === 3) && c === first && (!isMultiline || (ctx.s.charCodeAt(ctx.p + 1) === first && ctx.s.charCodeAt(ctx.p + 2) === first))) {
            if (isMultiline) {
                // If the string ends with 4-5 quotes, then the first 1-2 are part of the string
                if (ctx.s.charCodeAt(ctx.p + 3) === first)
                    ctx.p++;
                if (ctx.s.charCodeAt(ctx.p + 3) === first)
                    ctx.p++;
            }
            // If we're in a newline escape still, then there's nothing to add.
            if (!state) {
                // Avoid a useless concat operation if the string can be used as-is.
                let s = ctx.s.slice(sliceStart, ctx.p);
                parsed = parsed ? parsed + s : s;
            }
            ctx.p += isMultiline ? 3 : 1;
            return parsed;
        }
        // Baseline state; keep moving forward unless an escape sequence starts
        else if (!state) {
            if (!isLiteral && c === 0x5c /* \ */) {
                parsed += ctx.s.slice(sliceStart, (sliceStart = ctx.p));
                state = 1;
            }
        }
        else if (state === 1) {
            if (c === 0x78 /* x */ || c === 0x75 /* u */ || c === 0x55 /* U */) { // Unicode escape
                let errPtr = ctx.p++ - 1;
                let value = 0;
                let len = c === 0x78 /* x */ ? 2 : c === 0x75 /* u */ ? 4 : 8;
                for (let j = 0; j < len; j++, ctx.p++) {
                    let hex = ctx.s.charCodeAt(ctx.p);
                    let digit = 
                    /* 0-9 */ hex >= 0x30 && hex <= 0x39 ? hex - 0x30 :
                        /* A-F */ hex >= 0x41 && hex <= 0x46 ? hex - 0x41 + 10 :
                            /* a-f */ hex >= 0x61 && hex <= 0x66 ? hex - 0x61 + 10 : -1;
                    if (digit < 0)
                        TomlError.x('invalid non-hex character in unicode escape', ctx);
                    value = (value << 4) | digit;
                }
                // Because JS does bitwise on signed 32bit integers, all 0xfzzzzzzz values are actually seen as negative
                if (value < 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
                    TomlError.x('invalid unicode escape', ctx, errPtr);
                }
                parsed += String.fromCodePoint(value);
                sliceStart = ctx.p--;
                state = 0;
            }
            // Newline escape sequence. We only need to care about spaces and tabs; newlines are dealt with earlier
            else if (isMultiline && (c === 0x20 || c === 0x9 /* \t */)) {
                state = 2;
            }
            // Basic escape sequence
            else {
                if (c === 0x62 /* b */)
                    parsed += '\b';
                else if (c === 0x74 /* t */)
                    parsed += '\t';
                else if (c === 0x6e /* n */)
                    parsed += '\n';
                else if (c === 0x66 /* f */)
                    parsed += '\f';
                else if (c === 0x72 /* r */)
                    parsed += '\r';
                else if (c === 0x65 /* e */)
                    parsed += '\x1b';
                else if (c === 0x22 /* " */)
                    parsed += '"';
                else if (c === 0x5c /* \ */)
                    parsed += '\\';
                else
                    TomlError.x('unrecognised escape sequence', ctx);
                sliceStart = ctx.p + 1;
                state = 0;
            }
        }
        // Newline escape continuation: keep moving forward until the first non-whitespace char
        else if (c !== 0x20 && c !== 0x9 /* \t */) {
            if (state === 2)
                TomlError.x('invalid escape: only line-ending whitespace may be escaped', ctx, sliceStart);
            // State cannot be zero, or we'd have branched earlier already.
            // If it's a backslash, immediately transition to the escape state so it can be processed.
            state = !isLiteral && c === 0x5c /* \ */ ? 1 : 0;
            sliceStart = ctx.p;
        }
    }
    TomlError.x('unfinished string', ctx, startPtr);
}

/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
let DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})?[Tt ]?(?:(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|z|[-+]\d{2}:\d{2})?$/i;
class TomlDate extends Date {
    #hasDate = false;
    #hasTime = false;
    #offset = null;
    constructor(date, fasttype, unsafeDelim) {
        let hasDate = true;
        let hasTime = true;
        let offset = 'Z';
        let c;
        if (typeof date === 'string') {
            if (fasttype)
                prep: {
                    // Date-time
                    if (fasttype < 3) {
                        if (+date.slice(11, 13) > 23) {
                            date = '';
                            break prep;
                        }
                        // Local
                        if (fasttype === 2) {
                            offset = null;
                            date += 'Z';
                        }
                        // Offset; keep track of offset if not Z
                        else if ((c = date.charCodeAt(date.length - 1)) !== 0x5a /* Z */ && c !== 0x7a /* z */) {
                            offset = date.slice(date.length - 6);
                        }
                        if (unsafeDelim)
                            date = date.slice(0, 10) + 'T' + date.slice(11);
                    }
                    // Time
                    else if (fasttype === 4) {
                        date = +date.slice(0, 2) > 23 ? '' : `0000-01-01T${date}Z`;
                    }
                    hasDate = fasttype !== 4;
                    hasTime = fasttype !== 3;
                }
            else {
                let match = date.match(DATE_TIME_RE);
                if (match) {
                    if (!match[1]) {
                        hasDate = false;
                        date = `0000-01-01T${date}`;
                    }
                    hasTime = !!match[2];
                    // Make sure to use T instead of a space. Breaks in case of extreme values otherwise.
                    hasTime && date[10] === ' ' && (date = date.replace(' ', 'T'));
                    // Do not allow rollover hours.
                    if (match[2] && +match[2] > 23) {
                        date = '';
                    }
                    else {
                        offset = match[3] || null;
                        if (!offset && hasTime)
                            date += 'Z';
                    }
                }
                else {
                    date = '';
                }
            }
        }
        super(date);
        if (!isNaN(this.getTime())) {
            this.#hasDate = hasDate;
            this.#hasTime = hasTime;
            this.#offset = offset;
        }
    }
    isDateTime() {
        return this.#hasDate && this.#hasTime;
    }
    isLocal() {
        return !this.#hasDate || !this.#hasTime || !this.#offset;
    }
    isDate() {
        return this.#hasDate && !this.#hasTime;
    }
    isTime() {
        return this.#hasTime && !this.#hasDate;
    }
    isValid() {
        return this.#hasDate || this.#hasTime;
    }
    toISOString() {
        let iso = super.toISOString();
        // Local Date
        if (this.isDate())
            return iso.slice(0, 10);
        // Local Time
        if (this.isTime())
            return iso.slice(11, 23);
        // Local DateTime
        if (this.#offset === null)
            return iso.slice(0, -1);
        // Offset DateTime
        if (this.#offset === 'Z' || this.#offset === 'z')
            return iso;
        // This part is quite annoying: JS strips the original timezone from the ISO string representation
        // Instead of using a "modified" date and "Z", we restore the representation "as authored"
        let offset = (+(this.#offset.slice(1, 3)) * 60) + +(this.#offset.slice(4, 6));
        offset = this.#offset[0] === '-' ? offset : -offset;
        let offsetDate = new Date(this.getTime() - (offset * 60e3));
        return offsetDate.toISOString().slice(0, -1) + this.#offset;
    }
    static wrapAsOffsetDateTime(jsDate, offset = 'Z') {
        let date = new TomlDate(jsDate);
        date.#offset = offset;
        return date;
    }
    static wrapAsLocalDateTime(jsDate) {
        let date = new TomlDate(jsDate);
        date.#offset = null;
        return date;
    }
    static wrapAsLocalDate(jsDate) {
        let date = new TomlDate(jsDate);
        date.#hasTime = false;
        date.#offset = null;
        return date;
    }
    static wrapAsLocalTime(jsDate) {
        let date = new TomlDate(jsDate);
        date.#hasDate = false;
        date.#offset = null;
        return date;
    }
}

/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
function isDigit(char, base = 10) {
    return base === 16
        ? (char > 0x2f && char < 0x3a) || (char > 0x40 && char < 0x47) || (char > 0x60 && char < 0x67)
        : (char > 0x2f && char < 0x30 + base);
}
function isEndOfValue(char, delim) {
    // Whitespace -- we're permissive on `\r` for performance; it'll be dealt with later anyway
    return char === 0x20 || char === 0x9 /* \t */ || char === 0xa /* \n */ || char === 0xd /* \r */ ||
        // Structure end or next value delimiter
        (delim && (char === delim || char === 0x2c /* , */)) ||
        // Comment
        char === 0x23; /* # */
}
/** @internal */
function extractValue(ctx, end) {
    let errPtr = ctx.p;
    let c = ctx.s.charCodeAt(ctx.p);
    // Structs
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        ctx.d-- || TomlError.x('document contains excessively nested structures. aborting.', ctx);
        let value = c === 0x5b /* [ */
            ? parseArray(ctx)
            : parseInlineTable(ctx);
        ctx.d++;
        return value;
    }
    // Strings
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
        return parseString(ctx);
    }
    // Booleans
    // We can fast-path because the first character is enough to know the only possible value
    if (c === 0x74 /* t */) { // Only possible valid value is `true`
        if (ctx.s.charCodeAt(++ctx.p) !== 0x72 || ctx.s.charCodeAt(++ctx.p) !== 0x75 || ctx.s.charCodeAt(++ctx.p) !== 0x65)
            TomlError.x('invalid value', ctx, errPtr);
        return ctx.p++, true;
    }
    if (c === 0x66 /* f */) { // Only possible valid value is `false`
        if (ctx.s.charCodeAt(++ctx.p) !== 0x61 || ctx.s.charCodeAt(++ctx.p) !== 0x6c || ctx.s.charCodeAt(++ctx.p) !== 0x73 || ctx.s.charCodeAt(++ctx.p) !== 0x65)
            TomlError.x('invalid value', ctx, errPtr);
        return ctx.p++, false;
    }
    if (c === 0x2b /* + */ || c === 0x2d /* - */) {
        return parseNumber(ctx, ctx.p, ctx.s.charCodeAt(++ctx.p), 0x2c - c, end);
    }
    // Rough heuristic, but `parseDate` falls back to number parsing if it's a false positive.
    // e.g.: `a = 1\n-------------- = 1` would match this heuristic, but gracefully fallback to numbers.
    if (ctx.s.charCodeAt(ctx.p + 4) === 0x2d /* - */ && ctx.s.charCodeAt(ctx.p + 7) === 0x2d /* - */) {
        return parseDate(ctx, c, end);
    }
    // Same logic as above; `parseTime` falls back to number parsing if it's a false positive.
    if (ctx.s.charCodeAt(ctx.p + 2) === 0x3a /* : */) {
        return parseTime(ctx, c, end);
    }
    return parseNumber(ctx, ctx.p, c, 0, end);
}
// State:
// 0: init
// 1: integer
// 2: fractional dot
// 3: fractional
// 4: exponent letter
// 5: exponent
// 6: exponent sign
// 7: exponent with sign
// >9: underscore; see below
//     -> 12: was integer
//     -> 14: was fractional
//     -> 16: was exponent
// states 2-5, 14, 16 are ONLY permitted iif base === 10
function parseNumber(ctx, startPtr, startChr, sign, endChr) {
    let c = startChr;
    let state = 0;
    let hasUnderscores = false;
    // (+/-)inf
    if (c === 0x69 /* i */) {
        if (ctx.s.charCodeAt(++ctx.p) !== 0x6e || ctx.s.charCodeAt(++ctx.p) !== 0x66)
            TomlError.x('invalid value', ctx, startPtr);
        return ctx.p++, (sign || 1) / 0;
    }
    // (+/-)nan
    if (c === 0x6e /* n */) {
        if (ctx.s.charCodeAt(++ctx.p) !== 0x61 || ctx.s.charCodeAt(++ctx.p) !== 0x6e)
            TomlError.x('invalid value', ctx, startPtr);
        return ctx.p++, NaN;
    }
    // Leading zero
    // Only allowed cases: `0<EOV>`, `0.(...)`, `0e(...)`, `0x(...)`, `0b(...)`, `0o(...)`
    // FWIW, `0e(...)` is a stupid case, but it's not banned per-se so we have to parse it
    if (c === 0x30 /* 0 */) {
        if (++ctx.p >= ctx.s.length || isEndOfValue(c = ctx.s.charCodeAt(ctx.p), endChr))
            return ctx.bi === true ? 0n : 0; // note: conveniently deals with `-0`
        if (!sign) {
            if (c === 0x78 /* x */)
                return parseIntegerBaseN(ctx, startPtr, 16, endChr);
            else if (c === 0x62 /* b */)
                return parseIntegerBaseN(ctx, startPtr, 2, endChr);
            else if (c === 0x6f /* o */)
                return parseIntegerBaseN(ctx, startPtr, 8, endChr);
        }
        if (c === 0x2e /* . */)
            state = 2;
        else if (c === 0x65 /* e */ || c === 0x45 /* E */)
            state = 4;
        else
            TomlError.x('illegal leading zero', ctx, startPtr);
    }
    // If the 1st char is not a digit by now, then it's not a valid TOML value at all
    else if (!isDigit(c))
        TomlError.x('invalid value', ctx, startPtr);
    while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
        if (!state)
            state = 1; // Detects single-digit numbers we can use a fast parse path for
        // The way the states are numbered is not random: underscores are always permitted in odd-numbered states and
        // never permitted in even-numbered ones.
        if (c === 0x5f /* _ */) {
            if (!(state & 1))
                TomlError.x('illegal underscore', ctx);
            state += 11; // 11 is a marker that makes the state even and greater than 9; see the numbering + rationale above
            hasUnderscores = true;
        }
        // Transition to fractional part.
        else if (state === 1 && c === 0x2e /* . */)
            state = 2;
        // Transition to exponent part.
        else if ((state === 1 || state === 3) && (c === 0x65 /* e */ || c === 0x45 /* E */))
            state = 4;
        // + and - are permitted in state 4 only (handled before entering the function for state 0)
        else if (state === 4 && (c === 0x2b /* + */ || c === 0x2d /* - */)) {
            state = 6;
        }
        // All special cases have been handled; only digits are allowed here
        else if (!isDigit(c))
            TomlError.x(`illegal character in numeric literal`, ctx);
        // Clear state flags
        else if (state > 9)
            state -= 11;
        else if (!(state & 1))
            state++;
    }
    // Single-char number; we can fast-path these very easily.
    if (!state) {
        let val = (startChr - 0x30 /* 0 */) * (sign || 1);
        return ctx.bi === true ? BigInt(val) : val;
    }
    // Even-numbered states absolutely require a digit next; not even end of value is permitted
    if (!(state & 1))
        TomlError.x('unfinished numeric value', ctx, startPtr);
    let str = ctx.s.slice(startPtr, ctx.p);
    if (hasUnderscores)
        str = str.replaceAll('_', ''); // perf: replaceAll 1.25x faster than replace with a regex
    return state > 1
        ? parseFloat(str)
        : parseInteger(ctx, str, 10, startPtr);
}
function parseIntegerBaseN(ctx, startPtr, base, endChr) {
    let c, underscore = 1;
    while (++ctx.p < ctx.s.length && (c = ctx.s.charCodeAt(ctx.p), !isEndOfValue(c, endChr))) {
        if (c === 0x5f /* _ */) {
            if (underscore & 1)
                TomlError.x('illegal underscore', ctx);
            underscore = 3;
        }
        // We only need to check if the number is a valid digit, nothing else is permitted
        else if (!isDigit(c, base))
            TomlError.x(`illegal character in numeric literal`, ctx);
        // Clear underscore flag
        else if (underscore & 1)
            underscore--;
    }
    // Trailing underscore is not allowed
    if (underscore & 1)
        TomlError.x('unfinished numeric value', ctx);
    let str = ctx.s.slice(startPtr + 2, ctx.p);
    if (underscore)
        str = str.replaceAll('_', ''); // perf: replaceAll 1.25x faster than replace with a regex
    return parseInteger(ctx, str, base, startPtr);
}
function parseInteger(ctx, str, base, startPtr) {
    if (ctx.bi !== true)
        int: {
            let val = parseInt(str, base);
            if (!Number.isSafeInteger(val)) {
                if (ctx.bi)
                    break int;
                TomlError.x('integer value cannot be represented losslessly', ctx, startPtr);
            }
            return val;
        }
    return base === 10 ? BigInt(str) : BigInt((base === 2 ? '0b' : base === 8 ? '0o' : '0x') + str);
}
function parseDate(ctx, c, endChr) {
    let startPtr = ctx.p++, unsafeSeparator;
    if (!isDigit(c) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++)) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++)) ||
        !isDigit(ctx.s.charCodeAt(ctx.p++))) {
        return parseNumber(ctx, ctx.p = startPtr, c, 0, endChr);
    }
    ctx.p += 5;
    if (!isDigit(ctx.s.charCodeAt(ctx.p++)))
        TomlError.x('invalid date-time: date part is malformed', ctx, startPtr);
    if (ctx.p >= ctx.s.length || (((c = ctx.s.charCodeAt(ctx.p)) !== 0x20 || (unsafeSeparator = true, !isDigit(ctx.s.charCodeAt(ctx.p + 1)))) && c !== 0x54 /* T */ && c !== 0x74 /* t */)) {
        let t = ctx.s.slice(startPtr, ctx.p);
        return readDate(ctx, t, 3, false, startPtr);
    }
    if (ctx.s.charCodeAt(ctx.p += 3) !== 0x3a /* : */)
        TomlError.x('invalid date-time: time part is malformed', ctx, startPtr);
    if (ctx.s.charCodeAt(ctx.p += 3) === 0x3a /* : */)
        ctx.p += 3;
    if (ctx.s.charCodeAt(ctx.p) === 0x2e /* . */)
        while (isDigit(ctx.s.charCodeAt(++ctx.p)))
            ;
    if (c = ctx.s.charCodeAt(ctx.p)) {
        if (c === 0x5a /* Z */ || c === 0x7a /* z */) {
            let t = ctx.s.slice(startPtr, ++ctx.p);
            return readDate(ctx, t, 1, unsafeSeparator, startPtr, '[+00:00]');
        }
        if (c === 0x2b /* + */ || c === 0x2d /* - */) {
            // Temporal's ZonedDateTime is weird asf when it comes to dealing with traditional offsets...
            // It's 1.2x faster to allocate a new string to pass to ZDT than use Instant.toZonedDateTimeISO
            let t = ctx.s.slice(startPtr, ctx.p += 6);
            return readDate(ctx, t, 1, unsafeSeparator, startPtr, !ctx.ld && ('[' + ctx.s.slice(ctx.p - 6, ctx.p) + ']'));
        }
    }
    let t = ctx.s.slice(startPtr, ctx.p);
    return readDate(ctx, t, 2, unsafeSeparator, startPtr);
}
function parseTime(ctx, c, endChr) {
    let start = ctx.p;
    if (!isDigit(c) || !isDigit(ctx.s.charCodeAt(++ctx.p))) {
        return parseNumber(ctx, --ctx.p, c, 0, endChr);
    }
    if (ctx.s.charCodeAt(ctx.p += 4) === 0x3a /* : */)
        ctx.p += 3;
    if (ctx.s.charCodeAt(ctx.p) === 0x2e /* . */)
        while (isDigit(ctx.s.charCodeAt(++ctx.p)))
            ;
    let t = ctx.s.slice(start, ctx.p);
    return readDate(ctx, t, 4, false, start);
}
function readDate(ctx, str, type, unsafeDelim, errPtr, temporalSuffix) {
    if (ctx.ld) {
        let date = new TomlDate(str, type, unsafeDelim);
        if (!date.isValid())
            TomlError.x('invalid date', ctx, errPtr);
        return date;
    }
    try {
        if (temporalSuffix)
            str += temporalSuffix;
        switch (type) {
            case 1: return Temporal.ZonedDateTime.from(str);
            case 2: return Temporal.PlainDateTime.from(str);
            case 3: return Temporal.PlainDate.from(str);
            case 4: return Temporal.PlainTime.from(str);
        }
    }
    catch (e) {
        TomlError.x(e instanceof Error ? e.message : '' + e, ctx, errPtr);
    }
}

/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
/** @internal */
function skipComment(ctx) {
    for (; ctx.p < ctx.s.length; ctx.p++) {
        let c = ctx.s.charCodeAt(ctx.p);
        if (c === 0xa /* \n */)
            break;
        if (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */) {
            ctx.p++;
            break;
        }
        if ((c < 0x20 && c !== 0x9 /* \t */) || c === 0x7f) {
            TomlError.x('control characters are not allowed in comments', ctx);
        }
    }
}
/** @internal */
function skipVoid(ctx, banNewLines, banComments) {
    let c;
    while (ctx.p < ctx.s.length) {
        while (ctx.p < ctx.s.length && ((c = ctx.s.charCodeAt(ctx.p)) === 0x20 ||
            c === 0x9 /* \t */ ||
            (!banNewLines &&
                (c === 0xa /* \n */ || (c === 0xd /* \r */ && ctx.s.charCodeAt(ctx.p + 1) === 0xa /* \n */)))))
            ctx.p++;
        if (banComments || c !== 0x23 /* # */)
            break;
        skipComment(ctx);
    }
}

/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
/** @internal */
function parseKey(ctx, end = 0x3d /* = */) {
    // States:
    // 0: before first char
    // 1: parsing bare key
    // 2: after key component
    let startPtr;
    let state = 0;
    let parsed = [];
    let sliceStart;
    let c = ctx.s.charCodeAt(startPtr = ctx.p);
    do {
        // End of key
        if (c === end) {
            if (!state)
                TomlError.x('unexpected end of key', ctx);
            if (state === 1)
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
            return ctx.p++, parsed;
        }
        // Dotted key separator
        else if (c === 0x2e /* . */) {
            if (!state)
                TomlError.x('illegal empty bare key', ctx);
            if (state === 1)
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
            state = 0;
        }
        // Quoted key
        else if (!state && (c === 0x22 /* " */ || c === 0x27 /* ' */)) {
            if (c === ctx.s.charCodeAt(ctx.p + 1) && c === ctx.s.charCodeAt(ctx.p + 2))
                TomlError.x('illegal quoted key: multiline strings are not allowed', ctx);
            parsed.push(parseString(ctx));
            state = 2;
            ctx.p--;
        }
        // Whitespace; no-op in state 0 and 2, end of bare key in state 1
        else if (c === 0x20 || c === 0x9 /* \t */) {
            if (state === 1) {
                parsed.push(ctx.s.slice(sliceStart, ctx.p));
                state = 2;
            }
        }
        // If state is post-key, no character is allowed; otherwise ensure it's a bare-key component
        else if (state === 2 || (c < 0x30 && c !== 0x2d /* - */) || (c > 0x39 && c < 0x41) || (c > 0x5a && c < 0x61 && c !== 0x5f /* _ */) || c > 0x7a) {
            TomlError.x('illegal character in key', ctx);
        }
        // Illegal character
        else if (!state) {
            state = 1;
            sliceStart = ctx.p;
        }
    } while (c = ctx.s.charCodeAt(++ctx.p));
    TomlError.x('incomplete key-value: cannot find end of key', ctx, startPtr);
}
/** @internal */
function parseInlineTable(ctx) {
    let startPtr = ctx.p++;
    let res = Object.create(null);
    let seen = new Set();
    let c;
    while (ctx.p < ctx.s.length) {
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p)) === 0x7d /* } */) {
            ctx.p++;
            return res;
        }
        let k;
        let t = res;
        let hasOwn = false;
        let errPtr = ctx.p;
        let key = parseKey(ctx);
        for (let i = 0; i < key.length; i++) {
            if (i)
                t = hasOwn ? t[k] : (t[k] = Object.create(null));
            k = key[i];
            if ((hasOwn = Object.hasOwn(t, k)) && (typeof t[k] !== 'object' || seen.has(t[k]))) {
                TomlError.x('trying to redefine an already defined value', ctx, errPtr);
            }
            let unsafe = k === '__proto__';
            if (ctx.uk && (unsafe || k === 'constructor')) {
                t = ctx.uk !== 1 && TomlError.x('document contains an unsafe property', ctx, errPtr);
                break;
            }
            if (!hasOwn && unsafe) {
                Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
            }
        }
        if (hasOwn) {
            TomlError.x('trying to redefine an already defined value', ctx, errPtr);
        }
        skipVoid(ctx, true, true);
        let value = extractValue(ctx, 0x7d /* } */);
        if (t && typeof (t[k] = value) === 'object')
            seen.add(value);
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p++)) === 0x7d /* } */) {
            return res;
        }
        if (c !== 0x2c /* , */)
            TomlError.x('expected comma or end of structure', ctx, ctx.p - 1);
    }
    TomlError.x('unfinished table', ctx, startPtr);
}
/** @internal */
function parseArray(ctx) {
    let startPtr = ctx.p++;
    let res = [];
    let c;
    while (ctx.p < ctx.s.length) {
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p)) === 0x5d /* ] */) {
            ctx.p++;
            return res;
        }
        res.push(extractValue(ctx, 0x5d /* ] */));
        skipVoid(ctx);
        if ((c = ctx.s.charCodeAt(ctx.p++)) === 0x5d /* ] */) {
            return res;
        }
        if (c !== 0x2c /* , */)
            TomlError.x('expected comma or end of structure', ctx, ctx.p - 1);
    }
    TomlError.x('unfinished array', ctx, startPtr);
}

/*!
 * Copyright (c) Squirrel Chat et al., All rights reserved.
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 *
 * 1. Redistributions of source code must retain the above copyright notice, this
 *    list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the
 *    documentation and/or other materials provided with the distribution.
 * 3. Neither the name of the copyright holder nor the names of its contributors
 *    may be used to endorse or promote products derived from this software without
 *    specific prior written permission.
 *
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
 * ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
 * WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
 * DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE
 * FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
 * DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
 * SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
 * CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
 * OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
 * OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
 */
function peekTable(ctx, key, table, meta, type) {
    let t = table;
    let m = meta;
    let k;
    let hasOwn = false;
    let state;
    for (let i = 0; i < key.length; i++) {
        if (i) {
            t = hasOwn ? t[k] : (t[k] = Object.create(null));
            m = (state = m[k]).c;
            if (type === 0 /* Type.DOTTED */ && (state.t === 1 /* Type.EXPLICIT */ || state.t === 2 /* Type.ARRAY */)) {
                return null;
            }
            if (state.t === 2 /* Type.ARRAY */) {
                let l = t.length - 1;
                t = t[l];
                m = m[l].c;
            }
        }
        k = key[i];
        if ((hasOwn = Object.hasOwn(t, k)) && m[k]?.t === 0 /* Type.DOTTED */ && m[k]?.d) {
            return null;
        }
        if (!hasOwn) {
            let unsafe = k === '__proto__';
            if (ctx.uk && (unsafe || k === 'constructor'))
                return false;
            if (unsafe) {
                Object.defineProperty(t, k, { enumerable: true, configurable: true, writable: true });
                Object.defineProperty(m, k, { enumerable: true, configurable: true, writable: true });
            }
            m[k] = {
                t: i < key.length - 1 && type === 2 /* Type.ARRAY */
                    ? 3 /* Type.ARRAY_DOTTED */ : type,
                d: false,
                i: 0,
                c: Object.create(null),
            };
        }
    }
    state = m[k];
    if (state.t !== type && !(type === 1 /* Type.EXPLICIT */ && state.t === 3 /* Type.ARRAY_DOTTED */)) {
        // Bad key type!
        return null;
    }
    if (type === 2 /* Type.ARRAY */) {
        if (!state.d) {
            state.d = true;
            t[k] = [];
        }
        t[k].push(t = Object.create(null));
        state.c[state.i++] = (state = { t: 1 /* Type.EXPLICIT */, d: false, i: 0, c: Object.create(null) });
    }
    if (state.d) {
        // Redefining a table!
        return null;
    }
    state.d = true;
    if (type === 1 /* Type.EXPLICIT */) {
        t = hasOwn ? t[k] : (t[k] = Object.create(null));
    }
    else if (type === 0 /* Type.DOTTED */ && hasOwn) {
        return null;
    }
    return [k, t, state.c];
}
function validateTablePeek(ctx, peek, ptr) {
    if (peek === null || ctx.uk === 2)
        TomlError.x(peek === null
            ? 'trying to redefine an already defined table or value'
            : 'document contains an unsafe property', ctx, ptr);
}
function parse(toml, options = {}) {
    let ctx = {
        s: toml,
        p: 0,
        d: options.maxDepth ?? 1000,
        bi: options.integersAsBigInt ?? false,
        ld: options.useLegacyDate ?? true,
        uk: options.unsafeKeyBehaviour === 'throw' ? 2 : options.unsafeKeyBehaviour === 'drop' ? 1 : 0,
    };
    let res = Object.create(null);
    let meta = Object.create(null);
    let tmp;
    let skipping = false;
    let tbl = res;
    let m = meta;
    // BOM is allowed, skip.
    // JS is UTF-16, so we have to check for the UTF-16 BOM instead of the UTF-8 BOM sequence!
    if (toml.charCodeAt(0) === 0xfeff)
        ctx.p++;
    skipVoid(ctx);
    while (ctx.p < toml.length) {
        if (toml.charCodeAt(ctx.p) === 0x5b /* [ */) {
            let isTableArray = toml.charCodeAt(++ctx.p) === 0x5b; /* [ */
            tmp = ctx.p += +isTableArray;
            skipping = false;
            let k = parseKey(ctx, 0x5d /* ] */);
            if (isTableArray) {
                if (toml.charCodeAt(ctx.p) !== 0x5d /* ] */) {
                    TomlError.x('expected end of table array declaration', ctx);
                }
                ctx.p++;
            }
            let p = peekTable(ctx, k, res, meta, isTableArray ? 2 /* Type.ARRAY */ : 1 /* Type.EXPLICIT */);
            if (!p) {
                validateTablePeek(ctx, p, tmp);
                skipping = true;
            }
            else {
                m = p[2];
                tbl = p[1];
            }
        }
        else {
            tmp = ctx.p;
            let k = parseKey(ctx);
            let p = peekTable(ctx, k, tbl, m, 0 /* Type.DOTTED */);
            if (!p && !skipping)
                validateTablePeek(ctx, p, tmp);
            skipVoid(ctx, true, true);
            let v = extractValue(ctx, void 0);
            if (p && !skipping)
                p[1][p[0]] = v;
        }
        skipVoid(ctx, true);
        if (ctx.p < toml.length && (tmp = toml.charCodeAt(ctx.p)) !== 0xa /* \n */ && (tmp !== 0xd /* \r */ || toml.charCodeAt(ctx.p + 1) !== 0xa /* \n */)) {
            TomlError.x('each key-value declaration must be followed by an end-of-line', ctx);
        }
        skipVoid(ctx);
    }
    return res;
}

const DEFAULT_PIPELINE_FILE = "shiplog.toml";
const STAGE_KEYS = /* @__PURE__ */ new Set(["name", "approval", "environments", "domain", "task"]);
function defaultPipelineConfig() {
  return buildConfig(
    [
      { name: "dev", requiresApproval: false, environments: ["dev"] },
      { name: "qa", requiresApproval: false, environments: ["qa"] },
      { name: "prod", requiresApproval: true, environments: ["prod"] }
    ].map((s) => ({ ...s, domain: s.name, task: defaultTask(s.name) })),
    void 0
  );
}
async function loadPipelineConfig(host, file) {
  const explicit = file !== void 0 && file !== "";
  const full = path.resolve(host.cwd, explicit ? file : DEFAULT_PIPELINE_FILE);
  let text;
  try {
    text = await promises.readFile(full, "utf8");
  } catch (err) {
    if (err.code === "ENOENT" && !explicit) return defaultPipelineConfig();
    throw new ConfigError(`cannot read pipeline config ${full}: ${err.message}`, {
      hint: "pass --config <file>, or remove it to use the default dev -> qa -> prod pipeline"
    });
  }
  return parsePipelineConfig(text, full);
}
function parsePipelineConfig(text, file) {
  let doc;
  try {
    doc = parse(text);
  } catch (err) {
    throw new ConfigError(`${file} is not valid TOML: ${firstLine(err.message)}`);
  }
  const problems = [];
  for (const key of Object.keys(doc)) {
    if (key !== "stage") problems.push(`unknown key "${key}" (expected [[stage]] tables)`);
  }
  const raw = doc.stage;
  const stages = [];
  if (raw === void 0) {
    problems.push("no [[stage]] tables");
  } else if (!Array.isArray(raw)) {
    problems.push('"stage" must be an array of tables ([[stage]])');
  } else {
    raw.forEach((entry, i) => {
      const stage = parseStage(entry, i, problems);
      if (stage) stages.push(stage);
    });
  }
  if (problems.length === 0) {
    checkUnique(stages, problems);
  }
  if (problems.length > 0) {
    const msg = problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.join("; ")}`;
    throw new ConfigError(`pipeline config ${file}: ${msg}`, { problems });
  }
  return buildConfig(stages, file);
}
function parseStage(entry, i, problems) {
  const where = `stage ${i + 1}`;
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    problems.push(`${where} is not a table`);
    return void 0;
  }
  const t = entry;
  const before = problems.length;
  const name = t.name;
  const label = typeof name === "string" && name.trim() ? `stage "${name}"` : where;
  for (const key of Object.keys(t)) {
    if (!STAGE_KEYS.has(key)) problems.push(`${label}: unknown key "${key}" (known: ${[...STAGE_KEYS].join(", ")})`);
  }
  if (typeof name !== "string" || name.trim() === "") problems.push(`${where}: "name" must be a non-empty string`);
  if (t.approval !== void 0 && typeof t.approval !== "boolean") problems.push(`${label}: "approval" must be true or false`);
  for (const key of ["domain", "task"]) {
    if (t[key] !== void 0 && (typeof t[key] !== "string" || t[key].trim() === "")) {
      problems.push(`${label}: "${key}" must be a non-empty string`);
    }
  }
  const envs = t.environments;
  if (envs !== void 0 && (!Array.isArray(envs) || envs.some((e) => typeof e !== "string" || e.trim() === ""))) {
    problems.push(`${label}: "environments" must be a list of non-empty strings`);
  }
  if (problems.length > before) return void 0;
  const n = name.trim();
  return {
    name: n,
    domain: typeof t.domain === "string" ? t.domain.trim() : n,
    requiresApproval: t.approval === true,
    task: typeof t.task === "string" ? t.task.trim() : defaultTask(n),
    environments: envs === void 0 ? [n] : envs.map((e) => e.trim())
  };
}
function checkUnique(stages, problems) {
  const names = /* @__PURE__ */ new Set();
  const domains = /* @__PURE__ */ new Map();
  const envs = /* @__PURE__ */ new Map();
  for (const s of stages) {
    if (names.has(s.name)) problems.push(`duplicate stage name "${s.name}"`);
    names.add(s.name);
    const d = domains.get(s.domain);
    if (d !== void 0 && d !== s.name) problems.push(`stages "${d}" and "${s.name}" share the domain "${s.domain}"`);
    domains.set(s.domain, s.name);
    for (const e of s.environments) {
      const other = envs.get(e);
      if (other !== void 0) {
        problems.push(other === s.name ? `stage "${s.name}" lists environment "${e}" twice` : `environment "${e}" is in two stages ("${other}" and "${s.name}")`);
      }
      envs.set(e, s.name);
    }
  }
}
function buildConfig(stages, file) {
  const environments = {};
  for (const s of stages) for (const e of s.environments) environments[e] = s.name;
  return { ...file ? { file } : {}, stages, environments };
}
function defaultTask(name) {
  return `Move to ${name}`;
}
function firstLine(s) {
  return s.split("\n")[0].trim();
}
function findStage(config, nameOrDomain) {
  return config.stages.find((s) => s.name === nameOrDomain) ?? config.stages.find((s) => s.domain === nameOrDomain);
}
function requireStage(config, nameOrDomain) {
  const s = findStage(config, nameOrDomain);
  if (!s) {
    throw new InvalidInputError(`unknown stage "${nameOrDomain}"`, {
      hint: `stages: ${config.stages.map((x) => x.name).join(", ")}${config.file ? ` (from ${config.file})` : " (default pipeline)"}`
    });
  }
  return s;
}
function stageIndex(config, name) {
  const s = findStage(config, name);
  return s ? config.stages.indexOf(s) : -1;
}
function nextStage(config, name) {
  if (name === void 0) return config.stages[0];
  const i = stageIndex(config, name);
  return i < 0 ? void 0 : config.stages[i + 1];
}
function stageOfEnvironment(config, environment) {
  const name = config.environments[environment];
  return name === void 0 ? void 0 : findStage(config, name);
}
function requireEnvironmentStage(config, environment) {
  const s = stageOfEnvironment(config, environment);
  if (!s) {
    throw new InvalidInputError(`unknown environment "${environment}"`, {
      hint: `environments: ${Object.keys(config.environments).join(", ")}${config.file ? ` (from ${config.file})` : " (default pipeline)"}`
    });
  }
  return s;
}

const MAX_STORED_LOG_LINES = 5e3;
class LineTail {
  constructor(max) {
    this.max = max;
  }
  max;
  lines = [];
  dropped = 0;
  push(line) {
    this.lines.push(line);
    if (this.lines.length > this.max * 2) this.trim();
  }
  trim() {
    const extra = this.lines.length - this.max;
    if (extra > 0) {
      this.lines.splice(0, extra);
      this.dropped += extra;
    }
  }
  result() {
    this.trim();
    return this.dropped > 0 ? [`[shiplog: ${this.dropped} earlier lines not stored]`, ...this.lines] : [...this.lines];
  }
}
function lineSplitter(onLine) {
  let rest = "";
  const decoder = new TextDecoder("utf-8");
  return {
    write(chunk) {
      rest += decoder.decode(chunk, { stream: true });
      let i;
      while ((i = rest.indexOf("\n")) >= 0) {
        onLine(rest.slice(0, i).replace(/\r$/, ""));
        rest = rest.slice(i + 1);
      }
    },
    end() {
      rest += decoder.decode();
      if (rest !== "") onLine(rest.replace(/\r$/, ""));
      rest = "";
    }
  };
}
async function runDeploymentCommand(host, spec) {
  const startedAt = host.now().toISOString();
  const tail = new LineTail(spec.maxLines ?? MAX_STORED_LOG_LINES);
  const onLine = (line) => {
    const clean = host.redactor.redact(line);
    tail.push(clean);
    host.stderr(`${clean}
`);
  };
  const [file, args] = spec.shell !== void 0 ? ["/bin/sh", ["-c", spec.shell]] : [spec.argv[0], spec.argv.slice(1)];
  const env = {};
  for (const [k, v] of Object.entries(host.env)) if (v !== void 0) env[k] = v;
  const exitCode = await new Promise((resolve) => {
    const child = childProcess.spawn(file, args, { cwd: host.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const out = lineSplitter(onLine);
    const err = lineSplitter(onLine);
    child.stdout.on("data", (c) => out.write(c));
    child.stderr.on("data", (c) => err.write(c));
    let settled = false;
    child.on("error", (e) => {
      if (settled) return;
      settled = true;
      onLine(`shiplog: cannot run ${file}: ${e.code === "ENOENT" ? "command not found" : e.message}`);
      resolve(e.code === "ENOENT" ? 127 : 126);
    });
    child.on("close", (code, signal) => {
      out.end();
      err.end();
      if (settled) return;
      settled = true;
      if (signal) onLine(`shiplog: deployment command killed by ${signal}`);
      resolve(code ?? 128 + signalNumber(signal));
    });
  });
  return { exitCode, log: tail.result(), startedAt, finishedAt: host.now().toISOString() };
}
function signalNumber(signal) {
  const table = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };
  return signal && table[signal] || 1;
}

class FailedDeploymentError extends DeploymentFailedError {
  constructor(message, result) {
    super(message);
    this.result = result;
  }
  result;
}
async function planDeployment(ctx, pipeline, backend, req) {
  const stage = requireEnvironmentStage(pipeline, req.environment);
  const mode = req.source.kind;
  if (mode === "server" && (!backend.startDeployment || !backend.followDeployment)) {
    throw new UsageError(`the ${backend.kind} backend cannot run deployments itself: give the deployment command or its exit code`, {
      hint: "shiplog deploy ... -- ./deploy.sh   (run and record), or --exit-code N [--log-file F] (record only)"
    });
  }
  let recordedLog;
  if (req.source.kind === "record" && req.source.logFile) {
    const file = path.resolve(ctx.host.cwd, req.source.logFile);
    let text;
    try {
      text = await promises.readFile(file, "utf8");
    } catch (err) {
      throw new InvalidInputError(`cannot read --log-file ${file}: ${err.code ?? err.message}`);
    }
    const tail = new LineTail(MAX_STORED_LOG_LINES);
    const lines = text.split(/\r?\n/);
    if (lines[lines.length - 1] === "") lines.pop();
    for (const l of lines) tail.push(ctx.host.redactor.redact(l));
    recordedLog = tail.result();
  }
  return { req, mode, stage, recordedLog };
}
async function performDeployment(ctx, pipeline, backend, plan, av) {
  const { req, mode, stage } = plan;
  const host = ctx.host;
  const behind = av.stage !== void 0 && stageIndex(pipeline, av.stage) >= 0 && stageIndex(pipeline, av.stage) < stageIndex(pipeline, stage.name);
  if (behind) {
    const msg = `${av.name} is in stage "${av.stage}", before "${stage.name}" (environment ${req.environment})`;
    if (mode === "record") {
      host.log.warn(`${msg}; recording the deployment anyway`);
    } else {
      throw new OperationFailedError(`${msg}: move it first`, {
        hint: `shiplog move --application "${av.name}" --to ${stage.name}`
      });
    }
  }
  const summary = (d) => ({
    id: null,
    appVersion: av.name,
    application: av.application,
    environment: req.environment,
    stage: stage.name,
    exitCode: null,
    status: "planned",
    mode,
    componentVersions: av.components,
    logLines: 0,
    ...req.logUrl ? { logUrl: req.logUrl } : {},
    ...d
  });
  if (ctx.dryRun) {
    const how = req.source.kind === "run" ? `run ${describeCommand(req.source)}` : req.source.kind === "record" ? `record exit code ${req.source.exitCode}` : `start it on ${backend.location}`;
    host.log.info(`dry run: would deploy ${av.name} to ${req.environment}: ${how}`);
    return { ok: true, operation: "deploy", deployment: summary({}), dryRun: true };
  }
  let deployment;
  const provenance = ctx.ci();
  const attributes = req.attributes && Object.keys(req.attributes).length > 0 ? host.redactor.redactValue(req.attributes) : void 0;
  if (req.source.kind === "server") {
    host.log.info(`deploying ${av.name} to ${req.environment} on ${backend.location}`);
    const { id } = await backend.startDeployment(av, req.environment);
    host.log.info(`deployment ${id} started; following it (timeout ${Math.round(req.timeoutMs / 1e3)} s)`);
    deployment = await backend.followDeployment(id, {
      timeoutMs: req.timeoutMs,
      onLog: (lines) => {
        for (const l of lines) host.stderr(`${l}
`);
      },
      onWait: (ms) => host.log.info(`deployment ${id} still running after ${Math.round(ms / 1e3)} s`)
    });
  } else {
    let exitCode;
    let log;
    let startedAt;
    let finishedAt;
    if (req.source.kind === "run") {
      host.log.info(`deploying ${av.name} to ${req.environment}: ${describeCommand(req.source)}`);
      const out = await runDeploymentCommand(host, { shell: req.source.shell, argv: req.source.argv });
      ({ exitCode, log, startedAt, finishedAt } = out);
    } else {
      exitCode = req.source.exitCode;
      log = plan.recordedLog ?? [];
      startedAt = finishedAt = host.now().toISOString();
    }
    deployment = await backend.recordDeployment({
      appVersion: av,
      environment: req.environment,
      exitCode,
      log,
      startedAt,
      finishedAt,
      mode,
      ...req.logUrl ? { logUrl: req.logUrl } : {},
      ...attributes ? { attributes } : {},
      provenance
    });
  }
  const result = {
    ok: true,
    operation: "deploy",
    deployment: summary({
      id: deployment.id,
      exitCode: deployment.exitCode,
      status: deployment.status,
      mode: deployment.mode,
      componentVersions: deployment.componentVersions,
      startedAt: deployment.startedAt,
      ...deployment.finishedAt ? { finishedAt: deployment.finishedAt } : {},
      logLines: deployment.log.length,
      ...deployment.logUrl ? { logUrl: deployment.logUrl } : {}
    })
  };
  if (deployment.status !== "success") {
    throw new FailedDeploymentError(
      `deployment ${deployment.id} of ${av.name} to ${req.environment} failed (exit code ${deployment.exitCode ?? "unknown"})`,
      { ...result, ok: false }
    );
  }
  return result;
}
function renderDeployment(d, dryRun) {
  if (dryRun) return `[dry run] ${d.appVersion} -> ${d.environment} (${d.mode})`;
  return `deployment ${d.id}: ${d.appVersion} -> ${d.environment}: ${d.status} (exit code ${d.exitCode ?? "unknown"})`;
}
function describeCommand(src) {
  return src.shell !== void 0 ? src.shell : (src.argv ?? []).join(" ");
}

const WRITES = /* @__PURE__ */ new Set([
  "putComponentVersion",
  "putApplicationVersion",
  "recordApproval",
  "moveApplicationVersion",
  "startDeployment",
  "recordDeployment"
]);
function readOnlyBackend(inner) {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop === "string" && WRITES.has(prop) && typeof value === "function") {
        return () => Promise.reject(new InternalError(`internal error, please report: dry run attempted ${prop}`));
      }
      return typeof value === "function" ? value.bind(target) : value;
    }
  });
}
function emptyBackend(kind, location) {
  const refuse = (what) => () => Promise.reject(new InternalError(`internal error, please report: dry run attempted ${what}`));
  return {
    kind,
    location,
    getComponentVersion: async () => void 0,
    listComponentVersions: async () => [],
    putComponentVersion: refuse("putComponentVersion"),
    getApplicationVersion: async () => void 0,
    listApplicationVersions: async () => [],
    putApplicationVersion: refuse("putApplicationVersion"),
    recordApproval: refuse("recordApproval"),
    listApprovals: async () => [],
    moveApplicationVersion: refuse("moveApplicationVersion"),
    recordDeployment: refuse("recordDeployment"),
    status: async () => [],
    history: async () => [],
    close: async () => {
    }
  };
}

const DEFAULT_TIMEOUT_MS = 30 * 6e4;
const UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
function parseDuration(text) {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(text);
  if (!m) return void 0;
  const ms = Number(m[1]) * UNITS[(m[2] ?? "s").toLowerCase()];
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : void 0;
}
function durationInput(inputs, name, problems) {
  const v = inputs[name];
  if (v === void 0 || v === "") return void 0;
  if (typeof v === "number") return v;
  const ms = typeof v === "string" ? parseDuration(v) : void 0;
  if (ms === void 0) problems.push(`--${name} must be a duration like 90s, 15m or 1h (got "${String(v)}")`);
  return ms;
}
function isBlank(v) {
  return v === void 0 || v === null || typeof v === "string" && v.trim() === "" || Array.isArray(v) && v.length === 0;
}
function specsOf(command) {
  return inputsFor(command, { includeCliOnly: true });
}
function resolveInputs(command, given, env) {
  const specs = specsOf(command);
  const byName = new Map(specs.map((s) => [s.name, s]));
  const problems = [];
  for (const key of Object.keys(given)) {
    if (!byName.has(key) && given[key] !== void 0) problems.push(`${command} does not take the input "${key}"`);
  }
  const values = {};
  const sources = {};
  for (const spec of specs) {
    let raw = given[spec.name];
    let source = isBlank(raw) ? void 0 : "given";
    if (!source) {
      const fromEnv = (spec.env ?? []).map((e) => env[e]).find((v) => !isBlank(v));
      if (fromEnv !== void 0) {
        raw = fromEnv;
        source = "env";
      } else if (spec.default !== void 0) {
        raw = spec.default;
        source = "default";
      }
    }
    if (!source) {
      if (isRequired(spec, command)) problems.push(`--${spec.name} is required`);
      continue;
    }
    const checked = checkValue(spec, raw, source === "env" ? (spec.env ?? []).find((e) => !isBlank(env[e])) : void 0);
    if ("problem" in checked) {
      problems.push(checked.problem);
      continue;
    }
    values[spec.name] = checked.value;
    sources[spec.name] = source;
  }
  return { values, sources, problems };
}
function checkValue(spec, raw, envName) {
  const label = envName ? `${envName} (for --${spec.name})` : `--${spec.name}`;
  const shown = (v) => JSON.stringify(v);
  switch (spec.type) {
    case "boolean": {
      if (typeof raw === "boolean") return { value: raw };
      const s = String(Array.isArray(raw) ? raw[raw.length - 1] : raw).trim();
      if (s === "true" || s === "false") return { value: s === "true" };
      return { problem: `${label} must be true or false (got ${shown(s)})` };
    }
    case "integer": {
      if (typeof raw === "number" && Number.isInteger(raw)) return { value: raw };
      const s = String(Array.isArray(raw) ? raw[raw.length - 1] : raw).trim();
      if (/^-?\d+$/.test(s) && Number.isSafeInteger(Number(s))) return { value: Number(s) };
      return { problem: `${label} must be an integer (got ${shown(s)})` };
    }
    case "enum": {
      const s = String(Array.isArray(raw) ? raw[raw.length - 1] : raw).trim();
      if (spec.values?.includes(s)) return { value: s };
      return { problem: `${label} must be one of ${(spec.values ?? []).join(", ")} (got ${shown(s)})` };
    }
    case "duration": {
      if (typeof raw === "number" && raw > 0) return { value: raw };
      const s = String(Array.isArray(raw) ? raw[raw.length - 1] : raw);
      const ms = parseDuration(s);
      if (ms !== void 0) return { value: ms };
      return { problem: `${label} must be a duration like 90s, 15m or 1h (got ${shown(s)})` };
    }
    case "list": {
      const arr = Array.isArray(raw) ? raw : [raw];
      return { value: arr.filter((v) => !isBlank(v)).map((v) => String(v)) };
    }
    default: {
      if (Array.isArray(raw)) return { value: String(raw[raw.length - 1]) };
      if (typeof raw === "boolean") return { problem: `${label} needs a value` };
      return { value: String(raw) };
    }
  }
}

function cleanVersion(v) {
  return v.replace(/[.-]/g, "_");
}
function cleanVariant(v) {
  return v.replace(/[./-]/g, "_");
}
function splitDomain(name, what = "component") {
  const trimmed = name.trim();
  const i = trimmed.lastIndexOf(".");
  if (i <= 0 || i === trimmed.length - 1) {
    throw new InvalidInputError(`${what} name "${name}" needs a full domain path, e.g. GLOBAL.Acme.${trimmed || "name"}`, {
      hint: "names are <dotted domain>.<name>; the domain is everything before the last dot"
    });
  }
  const domain = trimmed.slice(0, i);
  const short = trimmed.slice(i + 1);
  if (domain.split(".").some((p) => p.trim() === "")) {
    throw new InvalidInputError(`${what} name "${name}" has an empty domain part`);
  }
  return { domain, short };
}
function componentParts(name, variant, version) {
  const [dotted, ...semi] = name.split(";");
  const { domain, short } = splitDomain(dotted, "component");
  let v = emptyToUndef(variant) ?? emptyToUndef(semi.length >= 2 ? semi[0] : void 0);
  let ver = emptyToUndef(version) ?? emptyToUndef(semi.length >= 2 ? semi[1] : semi[0]);
  if (!v && ver) {
    const m = /^(.*?)-([vV].*)$/.exec(ver);
    if (m && m[1]) {
      v = m[1];
      ver = "v" + m[2].slice(1);
    }
  }
  return {
    domain,
    short,
    variant: v ? cleanVariant(v) : void 0,
    version: ver ? cleanVersion(ver) : void 0
  };
}
function componentBaseShort(p) {
  return p.variant ? `${p.short};${p.variant}` : p.short;
}
function componentBaseName(p) {
  return `${p.domain}.${componentBaseShort(p)}`;
}
function componentVersionShort(p) {
  return `${componentBaseShort(p)};${p.version}`;
}
function componentVersionName(p) {
  return `${p.domain}.${componentVersionShort(p)}`;
}
function baseOfComponentVersion(full) {
  const i = full.lastIndexOf(";");
  return i < 0 ? full : full.slice(0, i);
}
function applicationParts(name, version) {
  const [dotted, ...semi] = name.split(";");
  const { domain, short } = splitDomain(dotted, "application");
  const ver = emptyToUndef(version) ?? emptyToUndef(semi[semi.length - 1]);
  return { domain, short, version: ver ? cleanVersion(ver) : void 0 };
}
function applicationBaseName(p) {
  return `${p.domain}.${p.short}`;
}
function applicationVersionName(p) {
  return `${p.domain}.${p.short};${p.version}`;
}
function bumpVersion(v) {
  if (/^\d+$/.test(v)) return String(BigInt(v) + 1n);
  const m = /^(.*?)(\d+)$/.exec(v);
  if (m) {
    const next = (BigInt(m[2]) + 1n).toString();
    return m[1] + next.padStart(m[2].length, "0");
  }
  return `${v}_1`;
}
function autoIncrementVersion(opts) {
  const schema = schemaOf(opts.requested ?? "") || latestSchema(opts.existing) || "1_0_0";
  const prefix = `v${cleanVersion(schema)}_`;
  let n = opts.commitCount;
  if (n === void 0 || !Number.isFinite(n)) {
    let max = 0;
    for (const e of opts.existing) {
      if (!e.startsWith(prefix)) continue;
      const m = /^(\d+)/.exec(e.slice(prefix.length));
      if (m) max = Math.max(max, Number(m[1]));
    }
    n = max + 1;
  }
  const sha = opts.sha ? `_g${opts.sha.slice(0, 7)}` : "";
  return `${prefix}${n}${sha}`;
}
function schemaOf(version) {
  const noSha = version.replace(/[-_]g[0-9a-f]{4,40}$/i, "");
  return cleanVersion(noSha.replace(/^[vV]/, ""));
}
function latestSchema(existing) {
  const last = existing[existing.length - 1];
  if (!last) return "";
  const s = schemaOf(last);
  return s.includes("_") ? s.slice(0, s.lastIndexOf("_")) : s;
}
function emptyToUndef(s) {
  return s === void 0 || s.trim() === "" ? void 0 : s.trim();
}

function parseAppVersionRef(application, appVersion, problems) {
  if (application === void 0) {
    problems.push("--application is required");
    return void 0;
  }
  try {
    const p = applicationParts(application, appVersion);
    return { application: applicationBaseName(p), version: p.version };
  } catch (err) {
    problems.push(err.message);
    return void 0;
  }
}
async function findAppVersion(backend, ref) {
  if (ref.version) {
    const name = applicationVersionName({ ...splitBase(ref.application), version: ref.version });
    const av = await backend.getApplicationVersion(name);
    if (!av) {
      throw new NotFoundError(`application version "${name}" does not exist`, {
        hint: "create it with `shiplog version-update --application ...`, or omit --app-version to use the latest"
      });
    }
    return av;
  }
  const all = await backend.listApplicationVersions(ref.application);
  const latest = all[all.length - 1];
  if (!latest) {
    throw new NotFoundError(`application "${ref.application}" has no versions`, {
      hint: "create one with `shiplog version-update --application ...`"
    });
  }
  return latest;
}
function splitBase(base) {
  const i = base.lastIndexOf(".");
  return { domain: base.slice(0, i), short: base.slice(i + 1) };
}

function str(inputs, name) {
  let v = inputs[name];
  if (Array.isArray(v)) v = v[v.length - 1];
  if (v === void 0 || typeof v === "boolean") return void 0;
  const s = String(v).trim();
  return s === "" ? void 0 : s;
}
function bool(inputs, name) {
  const v = inputs[name];
  return v === true || typeof v === "string" && v.trim().toLowerCase() === "true";
}
function list(inputs, name) {
  const v = inputs[name];
  if (v === void 0 || typeof v === "boolean") return [];
  const arr = Array.isArray(v) ? v : [String(v)];
  return arr.map((s) => s.trim()).filter((s) => s !== "");
}
function int(inputs, name) {
  const v = inputs[name];
  if (typeof v === "number") return v;
  const s = str(inputs, name);
  return s === void 0 ? void 0 : Number.parseInt(s, 10);
}

function actorOf(ctx) {
  return ctx.ci().actor || ctx.host.env.USER || ctx.host.env.USERNAME || "unknown";
}
const approveCommand = {
  name: "approve",
  summary: "Approve (or --reject) an application version for a stage",
  examples: [
    "shiplog approve --application GLOBAL.Acme.Store.shop --app-version 1.0.3 --stage prod",
    'shiplog approve --application "GLOBAL.Acme.Store.shop;1.0.3" --reject --notes "smoke tests failed"'
  ],
  mutating: true,
  request(inputs) {
    const problems = [];
    const app = parseAppVersionRef(str(inputs, "application"), str(inputs, "app-version"), problems);
    if (problems.length > 0 || !app) throw InvalidInputError.of(problems);
    return { app, stage: str(inputs, "stage"), reject: bool(inputs, "reject"), notes: str(inputs, "notes"), dryRun: bool(inputs, "dry-run") };
  },
  async run(ctx, req) {
    const pipeline = await ctx.pipeline();
    const named = req.stage !== void 0 ? requireStage(pipeline, req.stage) : void 0;
    const backend = await ctx.backend();
    const av = await findAppVersion(backend, req.app);
    let stage = named;
    if (!stage) {
      stage = nextStage(pipeline, av.stage);
      if (!stage) {
        throw new InvalidInputError(`${av.name} is in the last stage ("${av.stage}"); there is no next stage to approve`, {
          hint: "name the stage with --stage"
        });
      }
    }
    const approval = {
      appVersion: av.name,
      stage: stage.name,
      approved: !req.reject,
      by: actorOf(ctx),
      at: ctx.host.now().toISOString(),
      ...req.notes ? { notes: req.notes } : {},
      provenance: ctx.ci()
    };
    const base = { ok: true, operation: "approve", appVersion: av.name, approved: approval.approved, stage: stage.name };
    if (req.dryRun) {
      ctx.host.log.info(`dry run: would record ${approval.approved ? "an approval" : "a rejection"} of ${av.name} for ${stage.name} by ${approval.by}`);
      return { ...base, by: approval.by, at: approval.at, ...req.notes ? { notes: req.notes } : {}, dryRun: true };
    }
    const saved = await backend.recordApproval(approval);
    return { ...base, by: saved.by, at: saved.at, ...saved.notes ? { notes: saved.notes } : {} };
  },
  render(res) {
    const what = res.approved ? "approved" : "rejected";
    return `${res.dryRun ? "[dry run] " : ""}${res.appVersion} ${what} for ${res.stage} by ${res.by}`;
  }
};

const GIT_ATTRS = [
  ["GitBranch", "GIT_BRANCH"],
  ["GitUrl", "GIT_URL"],
  ["GitOrg", "GIT_ORG"],
  ["GitRepoProject", "GIT_REPO_PROJECT"],
  ["GitCommitTimestamp", "GIT_COMMIT_TIMESTAMP"],
  ["GitBranchParent", "GIT_BRANCH_PARENT"],
  ["GitBranchCreateCommit", "GIT_BRANCH_CREATE_COMMIT"],
  ["GitBranchCreateTimestamp", "GIT_BRANCH_CREATE_TIMESTAMP"],
  ["GitCommitAuthors", "GIT_COMMIT_AUTHORS"],
  ["GitCommittersCnt", "GIT_COMMITTERS_CNT"],
  ["GitTotalCommittersCnt", "GIT_TOTAL_COMMITTERS_CNT"],
  ["GitContribPercentage", "GIT_CONTRIB_PERCENTAGE"],
  ["GitLinesTotal", "GIT_LINES_TOTAL"],
  ["GitLinesAdded", "GIT_LINES_ADDED"],
  ["GitLinesDeleted", "GIT_LINES_DELETED"],
  ["GitSignedOffBy", "GIT_SIGNED_OFF_BY"],
  ["GitPreviousComponentCommit", "GIT_PREVIOUS_COMPONENT_COMMIT"]
];
function derivedAttributes(opts) {
  const { env, vars, ci } = opts;
  const get = (...names) => {
    for (const n of names) {
      const v = nonEmpty(env[n]) ?? nonEmpty(vars[n]);
      if (v !== void 0) return v;
    }
    return void 0;
  };
  const out = {};
  out.BuildId = get("BUILD_ID", "BUILD_NUMBER", "BUILD_NUM", "GITHUB_RUN_ID") ?? ci.buildId;
  out.BuildNumber = get("BUILD_NUMBER", "BUILD_NUM", "GITHUB_RUN_NUMBER") ?? ci.buildNumber;
  out.BuildUrl = get("BUILD_URL") ?? ci.buildUrl;
  out.DockerBuildDate = opts.now.toISOString();
  const image = splitImage(get("DOCKERREPO", "IMAGE_REPO"));
  out.DockerRepo = image.repo;
  out.DockerTag = get("DOCKERTAG", "IMAGE_TAG") ?? image.tag;
  out.DockerSha = digestOf(get("DOCKERSHA", "DIGEST")) ?? image.digest;
  if (out.DockerRepo) {
    const repo = out.DockerRepo.includes("/") ? out.DockerRepo : `library/${out.DockerRepo}`;
    out.Purl = `pkg:docker/${repo}@${out.DockerTag ?? "latest"}`;
  }
  out.GitCommit = get("GIT_COMMIT", "SHORT_SHA") ?? ci.commit;
  for (const [attr, name] of GIT_ATTRS) out[attr] = get(name);
  out.GitBranch ??= ci.prBranch ?? ci.branch;
  out.GitUrl ??= ci.repoUrl;
  out.GitRepo = (out.GitUrl ? parseRemoteUrl(out.GitUrl).repo : void 0) ?? get("GIT_REPO") ?? ci.repo;
  const verify = get("GIT_VERIFY_COMMIT");
  if (verify !== void 0) out.GitVerifyCommit = verify === "1" ? "Y" : "N";
  out.GitTag = get("GIT_TAG") ?? ci.tag ?? out.GitBranch;
  const trigger = get("GIT_TRIGGER");
  out.JobTriggeredBy = trigger && trigger !== "workflow_dispatch" ? "SCM" : ci.actor;
  for (const k of ["BuildUrl", "GitUrl"]) if (out[k]) out[k] = stripUrlCredentials(out[k]);
  const result = {};
  for (const [k, v] of Object.entries(out)) if (v !== void 0 && v !== "") result[k] = v;
  return result;
}
function splitImage(ref) {
  if (!ref) return {};
  let rest = ref;
  let digest;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = digestOf(rest.slice(at)) ?? void 0;
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(":");
  if (colon > 0 && !rest.slice(colon + 1).includes("/")) {
    return { repo: rest.slice(0, colon), tag: nonEmpty(rest.slice(colon + 1)), digest };
  }
  return { repo: nonEmpty(rest), digest };
}
function digestOf(v) {
  if (v === void 0) return void 0;
  const i = v.indexOf("@sha256:");
  return i >= 0 ? v.slice(i + 1).trim() : v;
}
const ATTR_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
async function parseAttrArgs(host, args) {
  const out = {};
  const problems = [];
  for (const arg of args) {
    const m = /[=:]/.exec(arg);
    if (!m) {
      problems.push(`--attr "${arg}" is not KEY=VALUE`);
      continue;
    }
    const key = arg.slice(0, m.index).trim();
    let value = arg.slice(m.index + 1);
    if (!ATTR_KEY.test(key)) {
      problems.push(`--attr "${arg}": bad key "${key}" (letters, digits, _ . - ; not starting with a digit)`);
      continue;
    }
    if (value.includes("@sha256:")) {
      value = digestOf(value);
    } else if (value.startsWith("@")) {
      const file = value.slice(1);
      if (!file) {
        problems.push(`--attr "${arg}": "@" needs a file name`);
        continue;
      }
      try {
        value = (await promises.readFile(path.resolve(host.cwd, file), "utf8")).replace(/^[\r\n]+|[\r\n]+$/g, "");
      } catch (err) {
        problems.push(`--attr ${key}: cannot read ${file} (${err.code ?? "error"})`);
        continue;
      }
      if (value.includes("@sha256:")) value = digestOf(value);
    }
    out[key] = value;
  }
  if (problems.length) throw InvalidInputError.of(problems, "use --attr KEY=VALUE (or KEY:VALUE, or KEY=@file)");
  return out;
}
const POINTER_KEYS = {
  readme: "readme",
  license: "license",
  swagger: "swagger",
  gradlelicense: "gradleLicense"
};
const DEFAULT_FILES = {
  readme: ["README", "README.md", "readme", "readme.md"],
  license: ["LICENSE", "LICENSE.md", "license", "license.md"],
  swagger: ["swagger.yaml", "swagger.yml", "swagger.json", "openapi.json", "openapi.yaml", "openapi.yml"]
};
const MAX_FILE_BYTES = 5 * 1024 * 1024;
async function resolveAttributes(host, opts) {
  const merged = {};
  for (const layer of [opts.derived, opts.toml, opts.flags]) {
    for (const [k, v] of Object.entries(layer)) {
      for (const existing of Object.keys(merged)) {
        if (existing !== k && existing.toLowerCase() === k.toLowerCase() && POINTER_KEYS[k.toLowerCase()]) {
          delete merged[existing];
        }
      }
      merged[k] = v;
    }
  }
  const pointers = {};
  const attributes = {};
  for (const [k, v] of Object.entries(merged)) {
    const kind = POINTER_KEYS[k.toLowerCase()];
    if (kind) {
      if (v.trim() !== "") pointers[kind] = v.trim();
    } else if (v !== "") attributes[k] = v;
  }
  const files = {};
  for (const kind of ["readme", "license", "swagger", "gradleLicense"]) {
    const pointer = pointers[kind];
    if (pointer) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pointer)) {
        host.log.warn(`${kind} points to a URL (${pointer}); shiplog reads local files only, not attached`);
        continue;
      }
      const text = await readText(path.resolve(host.cwd, pointer));
      if (text === void 0) host.log.warn(`${kind} file ${pointer} not found, not attached`);
      else if (text === null) host.log.warn(`${kind} file ${pointer} is larger than 5 MB, not attached`);
      else files[kind] = text;
    } else if (kind !== "gradleLicense") {
      for (const name of DEFAULT_FILES[kind]) {
        const text = await readText(path.resolve(host.cwd, name));
        if (typeof text === "string") {
          files[kind] = text;
          break;
        }
      }
    }
  }
  return { attributes, files };
}
async function readText(file) {
  try {
    const buf = await promises.readFile(file);
    if (buf.length > MAX_FILE_BYTES) return null;
    return buf.toString("utf8");
  } catch {
    return void 0;
  }
}
function nonEmpty(s) {
  return s === void 0 || s.trim() === "" ? void 0 : s;
}

function deploySource(command, commandArgs, exitCode, logFile, problems) {
  if (command !== void 0 && commandArgs.length > 0) problems.push("give the deployment command either with --command or after `--`, not both");
  const runs = command !== void 0 || commandArgs.length > 0;
  if (exitCode !== void 0 && runs) problems.push("--exit-code records a deployment another step ran; it cannot be combined with a command to run");
  if (logFile !== void 0 && exitCode === void 0) problems.push("--log-file needs --exit-code (record-only mode)");
  if (exitCode !== void 0 && (exitCode < 0 || exitCode > 255)) problems.push(`--exit-code must be between 0 and 255 (got ${exitCode})`);
  if (command !== void 0) return { kind: "run", shell: command };
  if (commandArgs.length > 0) return { kind: "run", argv: commandArgs };
  if (exitCode !== void 0) return { kind: "record", exitCode, ...logFile ? { logFile } : {} };
  return { kind: "server" };
}
const deployCommand = {
  name: "deploy",
  summary: "Deploy an application version to an environment: run and record a command, or record an earlier result",
  examples: [
    "shiplog deploy --application GLOBAL.Acme.Store.shop --app-version 1.0.3 --env qa -- helm upgrade --install shop ./chart",
    'shiplog deploy --application GLOBAL.Acme.Store.shop --env dev --command "./deploy.sh dev"',
    "shiplog deploy --application GLOBAL.Acme.Store.shop --env dev --exit-code 0 --log-file deploy.log"
  ],
  mutating: true,
  request(inputs, extra) {
    const problems = [];
    const app = parseAppVersionRef(str(inputs, "application"), str(inputs, "app-version"), problems);
    const environment = str(inputs, "env");
    if (environment === void 0) problems.push("--env is required");
    const source = deploySource(str(inputs, "command"), extra.commandArgs, int(inputs, "exit-code"), str(inputs, "log-file"), problems);
    const timeoutMs = durationInput(inputs, "timeout", problems) ?? DEFAULT_TIMEOUT_MS;
    if (problems.length > 0 || !app || environment === void 0) throw InvalidInputError.of(problems);
    return {
      app,
      environment,
      source,
      logUrl: str(inputs, "log-url"),
      attr: list(inputs, "attr"),
      timeoutMs,
      dryRun: bool(inputs, "dry-run")
    };
  },
  async run(ctx, req) {
    const pipeline = await ctx.pipeline();
    const attributes = await parseAttrArgs(ctx.host, req.attr);
    const backend = await ctx.backend();
    const plan = await planDeployment(ctx, pipeline, backend, {
      environment: req.environment,
      source: req.source,
      timeoutMs: req.timeoutMs,
      logUrl: req.logUrl,
      attributes
    });
    const av = await findAppVersion(backend, req.app);
    return performDeployment(ctx, pipeline, backend, plan, av);
  },
  render(res) {
    return renderDeployment(res.deployment, res.dryRun);
  }
};

function parseApplication(raw, problems) {
  try {
    const p = applicationParts(raw);
    const application = applicationBaseName(p);
    return p.version ? { application, appVersion: applicationVersionName({ ...p, version: p.version }) } : { application };
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
    return void 0;
  }
}
function pipelineEnvironments(config) {
  const seen = /* @__PURE__ */ new Set();
  for (const stage of config.stages) for (const e of stage.environments) seen.add(e);
  for (const e of Object.keys(config.environments)) seen.add(e);
  return [...seen];
}
async function assertKnownEnvironment(backend, config, environment, what = "environment") {
  const known = pipelineEnvironments(config);
  if (known.includes(environment)) return;
  if ((await backend.status({ environment })).length > 0) return;
  if ((await backend.history({ environment, limit: 1 })).length > 0) return;
  throw new NotFoundError(`unknown ${what} "${environment}": not in the pipeline config and never deployed to`, {
    hint: known.length > 0 ? `known environments: ${known.join(", ")}` : "define environments in shiplog.toml"
  });
}
function environmentOrder(config) {
  const order = new Map(pipelineEnvironments(config).map((e, i) => [e, i]));
  return (a, b) => {
    const ia = order.get(a) ?? Number.MAX_SAFE_INTEGER;
    const ib = order.get(b) ?? Number.MAX_SAFE_INTEGER;
    return ia !== ib ? ia - ib : a < b ? -1 : a > b ? 1 : 0;
  };
}
function buildInfo(ci) {
  return {
    provider: ci?.provider ?? "unknown",
    buildId: ci?.buildId ?? ci?.buildNumber ?? null,
    buildUrl: ci?.buildUrl ?? ci?.jobUrl ?? null,
    commit: ci?.commit ?? null,
    branch: ci?.branch ?? null,
    actor: ci?.actor ?? null
  };
}
function buildLabel(b) {
  return b.buildId ? `${b.provider} #${b.buildId}` : b.provider;
}

function flatCell(value) {
  if (value === null || value === void 0) return "";
  return String(value).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ");
}
function renderTable(columns, rows, empty = "(none)") {
  if (rows.length === 0) return empty;
  const cells = rows.map((r) => columns.map((c) => flatCell(c.cell(r))));
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((row) => width(row[i]))));
  const line = (values) => values.map((v, i) => columns[i].right ? pad(v, widths[i], true) : i === values.length - 1 ? v : pad(v, widths[i], false)).join("  ").trimEnd();
  const out = [line(columns.map((c) => c.header)), line(widths.map((w) => "-".repeat(w)))];
  for (const row of cells) out.push(line(row));
  return out.join("\n");
}
function width(s) {
  return [...s].length;
}
function pad(s, w, right) {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return right ? fill + s : s + fill;
}
function shortTime(iso) {
  if (!iso) return "";
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return m ? `${m[1]} ${m[2]}Z` : iso;
}
function versionPart(full) {
  if (!full) return "";
  const i = full.lastIndexOf(";");
  return i < 0 ? full : full.slice(i + 1);
}

function diffRequest(inputs) {
  const problems = [];
  const from = str(inputs, "from");
  const to = str(inputs, "to");
  if (from === void 0) problems.push("--from (the first environment) is required");
  if (to === void 0) problems.push("--to (the second environment) is required");
  const app = str(inputs, "application");
  const application = app === void 0 ? void 0 : parseApplication(app, problems);
  if (problems.length > 0) throw InvalidInputError.of(problems, "e.g. shiplog diff --from qa --to prod");
  return { from, to, application };
}
async function runDiff(ctx, req) {
  const backend = await ctx.backend();
  const config = await ctx.pipeline();
  await assertKnownEnvironment(backend, config, req.from, "environment (--from)");
  await assertKnownEnvironment(backend, config, req.to, "environment (--to)");
  const app = req.application?.application;
  const [fromStates, toStates] = await Promise.all([
    backend.status({ environment: req.from, application: app }),
    backend.status({ environment: req.to, application: app })
  ]);
  const left = byApplication(fromStates, req.from, app);
  const right = byApplication(toStates, req.to, app);
  const names = [.../* @__PURE__ */ new Set([...left.keys(), ...right.keys()])].sort();
  const applications = names.map((name) => diffApplication(name, left.get(name), right.get(name))).filter((d) => d.components.length > 0 || d.from !== d.to);
  return { ok: true, operation: "diff", from: req.from, to: req.to, applications, identical: applications.length === 0 };
}
function byApplication(states, env, app) {
  const m = /* @__PURE__ */ new Map();
  for (const s of states) {
    if (s.name !== env || app !== void 0 && s.application !== app) continue;
    m.set(s.application, s);
  }
  return m;
}
function diffApplication(application, from, to) {
  const l = versionsByBase(from?.components ?? []);
  const r = versionsByBase(to?.components ?? []);
  const bases = [.../* @__PURE__ */ new Set([...l.keys(), ...r.keys()])].sort();
  const components = [];
  let equal = 0;
  for (const base of bases) {
    const a = l.get(base) ?? null;
    const b = r.get(base) ?? null;
    if (a === b) equal++;
    else components.push({ base, from: a, to: b });
  }
  return { application, from: from?.appVersion ?? null, to: to?.appVersion ?? null, components, equal };
}
function versionsByBase(components) {
  const m = /* @__PURE__ */ new Map();
  for (const c of components) {
    const base = baseOfComponentVersion(c);
    m.set(base, c.slice(base.length + 1));
  }
  return m;
}
function renderDiff(res) {
  if (res.identical) return `${res.from} and ${res.to} run the same versions`;
  const blocks = res.applications.map((a) => {
    const head = `${a.application}: ${res.from} ${a.from ? versionPart(a.from) : "(not deployed)"} -> ${res.to} ${a.to ? versionPart(a.to) : "(not deployed)"}`;
    const table = renderTable(
      [
        { header: "COMPONENT", cell: (c) => c.base },
        { header: res.from.toUpperCase(), cell: (c) => c.from ?? "-" },
        { header: res.to.toUpperCase(), cell: (c) => c.to ?? "-" }
      ],
      a.components,
      "no component differs"
    );
    return `${head}
${table}
(${a.equal} equal component${a.equal === 1 ? "" : "s"})`;
  });
  return blocks.join("\n\n");
}
const diffCommand = {
  name: "diff",
  summary: "Show the component versions that differ between what runs in two environments.",
  examples: ["shiplog diff --from qa --to prod", "shiplog diff --from dev --to prod --json"],
  mutating: false,
  request: (inputs) => diffRequest(inputs),
  run: runDiff,
  render: renderDiff
};

const BUILD_VARIABLE_NAMES = [
  "BLDDATE",
  "SHORT_SHA",
  "GIT_COMMIT",
  "GIT_VERIFY_COMMIT",
  "GIT_SIGNED_OFF_BY",
  "BUILDNUM",
  "GIT_REPO",
  "GIT_ORG",
  "GIT_REPO_PROJECT",
  "GIT_URL",
  "GIT_BRANCH",
  "GIT_TAG",
  "GIT_COMMIT_TIMESTAMP",
  "GIT_BRANCH_PARENT",
  "GIT_BRANCH_CREATE_COMMIT",
  "GIT_BRANCH_CREATE_TIMESTAMP",
  "GIT_COMMIT_AUTHORS",
  "GIT_COMMITTERS_CNT",
  "GIT_TOTAL_COMMITTERS_CNT",
  "GIT_CONTRIB_PERCENTAGE",
  "GIT_LINES_TOTAL",
  "BASENAME",
  "COMPNAME"
];
function buildVariables(opts) {
  const { env, git, ci } = opts;
  const g = git.isRepo ? git : { isRepo: false };
  const authors = g.commitAuthors;
  const committers = authors ? authors.length : void 0;
  const totalRaw = opts.attributes?.GitTotalCommittersCnt ?? opts.attributes?.TotalCommittersCnt;
  const total = totalRaw !== void 0 && /^\s*\d+\s*$/.test(totalRaw) ? Number(totalRaw) : void 0;
  const repoProject = g.repoProject ?? ci.repo?.split("/").pop();
  const derived = {
    BLDDATE: cDate(opts.now),
    SHORT_SHA: g.shortSha ?? ci.commit?.slice(0, 7),
    GIT_COMMIT: g.commit ?? ci.commit,
    GIT_VERIFY_COMMIT: g.isRepo && g.commit ? g.verifyCommit ? "1" : "0" : void 0,
    GIT_SIGNED_OFF_BY: g.signedOffBy,
    BUILDNUM: g.commitCount,
    GIT_REPO: g.repo ?? ci.repo,
    GIT_ORG: g.org ?? (ci.repo?.includes("/") ? ci.repo.split("/")[0] : void 0),
    GIT_REPO_PROJECT: repoProject,
    GIT_URL: g.url ?? ci.repoUrl,
    GIT_BRANCH: g.branch ?? ci.prBranch ?? ci.branch,
    GIT_TAG: ci.tag,
    GIT_COMMIT_TIMESTAMP: g.commitTimestamp,
    GIT_BRANCH_PARENT: g.branchParent,
    GIT_BRANCH_CREATE_COMMIT: g.branchCreateCommit,
    GIT_BRANCH_CREATE_TIMESTAMP: g.branchCreateTimestamp,
    GIT_COMMIT_AUTHORS: authors?.join(","),
    GIT_COMMITTERS_CNT: committers,
    GIT_TOTAL_COMMITTERS_CNT: total,
    GIT_CONTRIB_PERCENTAGE: committers !== void 0 && total !== void 0 && total > 0 ? Math.round(committers / total * 100) : void 0,
    GIT_LINES_TOTAL: g.linesTotal,
    BASENAME: path.basename(opts.cwd) || void 0,
    COMPNAME: repoProject
  };
  const out = {};
  for (const name of BUILD_VARIABLE_NAMES) {
    const existing = env[name];
    if (existing !== void 0 && existing !== "") continue;
    const v = derived[name];
    if (v === void 0 || v === "") continue;
    out[name] = String(v);
  }
  return out;
}
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function cDate(d) {
  const p = (n) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

const STRING_KEYS = ["Name", "Variant", "Version", "Application", "Application_Version", "DeployEnv", "Kind"];
function substitute(text, lookup) {
  return text.replace(
    /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (whole, dollar, braced, bare) => {
      if (dollar) return "$";
      const v = lookup(braced ?? bare);
      return v === void 0 ? whole : v;
    }
  );
}
async function readComponentToml(host, opts) {
  const file = path.resolve(host.cwd, opts.path);
  let text;
  try {
    text = await promises.readFile(file, "utf8");
  } catch (err) {
    const code = err.code;
    if (code === "ENOENT") return void 0;
    throw new ConfigError(`${opts.path}: cannot read component.toml (${code ?? String(err)})`);
  }
  return parseComponentToml(text, { file, display: opts.path, vars: opts.vars });
}
function parseComponentToml(text, opts) {
  const display = opts.display ?? opts.file;
  let doc;
  try {
    doc = parse(text);
  } catch (err) {
    if (err instanceof TomlError) {
      const reason = err.message.split("\n")[0].replace(/^Invalid TOML document:\s*/, "");
      throw new ConfigError(`${display}:${err.line}:${err.column}: malformed TOML: ${reason}`, {
        hint: 'component.toml must be valid TOML 1.0: KEY = "value" lines and [Attributes] / [Export] tables'
      });
    }
    throw new ConfigError(`${display}: malformed TOML: ${String(err)}`);
  }
  const problems = [];
  const where = (section, key) => `${display}:${lineOf(text, section, key)}`;
  const top = {};
  let attrTable = {};
  let exportTable = {};
  let attrName;
  let exportName;
  for (const [key, value] of Object.entries(doc)) {
    if (isTable(value) && key.toLowerCase() === "attributes") {
      attrTable = value;
      attrName = key;
      continue;
    }
    if (isTable(value) && key.toLowerCase() === "export") {
      exportTable = value;
      exportName = key;
      continue;
    }
    const s = scalarText(value);
    if (STRING_KEYS.includes(key) && typeof value !== "string") {
      problems.push(`${where(void 0, key)}: ${key} must be a string (quote it: ${key} = "${s ?? "..."}")`);
    } else if (s !== void 0) {
      top[key] = s;
    }
  }
  const table = (t, section) => {
    const out = {};
    for (const [key, value] of Object.entries(t)) {
      const s = scalarText(value);
      if (s === void 0) {
        problems.push(`${where(section, key)}: [${section}] ${key} must be a string, integer or boolean`);
      } else out[key] = s;
    }
    return out;
  };
  const rawAttrs = table(attrTable, attrName);
  const rawExports = table(exportTable, exportName);
  if (problems.length) {
    throw new ConfigError(problems.length === 1 ? problems[0] : `${problems.length} problems: ${problems.join("; ")}`, {
      problems
    });
  }
  const vars = opts.vars;
  const fromVars = (n) => Object.prototype.hasOwnProperty.call(vars, n) ? vars[n] : void 0;
  const own = { ...top, ...rawAttrs };
  const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const target = (from, n) => {
    if (from === "o") {
      if (fromVars(n) !== void 0) return void 0;
      return has(own, n) ? `o:${n}` : has(rawExports, n) ? `e:${n}` : void 0;
    }
    if (has(own, n)) return `o:${n}`;
    if (fromVars(n) !== void 0) return void 0;
    return has(rawExports, n) ? `e:${n}` : void 0;
  };
  const rawOf = (id) => id.startsWith("o:") ? own[id.slice(2)] : rawExports[id.slice(2)];
  const cyclic = cycleMembers(
    [...Object.keys(own).map((k) => `o:${k}`), ...Object.keys(rawExports).map((k) => `e:${k}`)],
    (id) => referencedNames(rawOf(id)).map((n) => target(id[0], n)).filter((t) => !!t)
  );
  const resolved = /* @__PURE__ */ new Map();
  const resolveId = (id) => {
    if (cyclic.has(id)) return void 0;
    const done = resolved.get(id);
    if (done !== void 0) return done;
    const from = id[0];
    const v = substitute(rawOf(id), (n) => {
      if (from === "o" && fromVars(n) !== void 0) return fromVars(n);
      const t = target(from, n);
      return t ? resolveId(t) : fromVars(n);
    });
    resolved.set(id, v);
    return v;
  };
  const resolveIn = (raw) => substitute(raw, (n) => {
    const t = target("o", n);
    return t ? resolveId(t) : fromVars(n);
  });
  const values = {};
  for (const [k, v] of Object.entries(top)) values[k] = resolveIn(v);
  const attributes = {};
  for (const [k, v] of Object.entries(rawAttrs)) attributes[k] = resolveIn(v);
  const exports = {};
  for (const k of Object.keys(rawExports)) exports[k] = resolveId(`e:${k}`) ?? rawExports[k];
  return { file: opts.file, values, attributes, exports };
}
function componentFromGit(git) {
  if (!git.isRepo) return {};
  const out = {};
  if (git.org && git.repoProject) out.Name = `GLOBAL.${git.org}.${git.repoProject}`;
  if (git.branch) out.Variant = git.branch;
  if (git.commitCount !== void 0) out.Version = `v${git.commitCount}`;
  return out;
}
function referencedNames(text) {
  const out = [];
  for (const m of text.matchAll(/\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    const n = m[1] ?? m[2];
    if (n) out.push(n);
  }
  return out;
}
function cycleMembers(nodes, edges) {
  const adj = new Map(nodes.map((n) => [n, edges(n)]));
  const out = /* @__PURE__ */ new Set();
  for (const start of nodes) {
    const seen = /* @__PURE__ */ new Set();
    const stack = [...adj.get(start) ?? []];
    while (stack.length) {
      const n = stack.pop();
      if (n === start) {
        out.add(start);
        break;
      }
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...adj.get(n) ?? []);
    }
  }
  return out;
}
function isTable(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}
function scalarText(v) {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return String(v);
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number" && Number.isInteger(v)) return String(v);
  return void 0;
}
function lineOf(text, section, key) {
  const lines = text.split(/\r?\n/);
  let current;
  const esc = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const keyRe = new RegExp(`^\\s*(?:${esc}|"${esc}"|'${esc}')\\s*=`);
  for (let i = 0; i < lines.length; i++) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(lines[i]);
    if (header && !lines[i].trim().startsWith("[[")) {
      current = header[1].replace(/^"|"$/g, "");
      continue;
    }
    if (current === section && keyRe.test(lines[i])) return i + 1;
  }
  return 1;
}

const ENVSCRIPT_FORMATS = ["sh", "dotenv", "json", "github"];
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
function byteOrder(a, b) {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
function shQuote(value) {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
function dotenvQuote(value) {
  const escaped = value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t");
  return `"${escaped}"`;
}
function githubDelimiter(value, random = () => node_crypto.randomBytes(12).toString("hex")) {
  for (; ; ) {
    const d = `ghadelimiter_${random()}`;
    if (!value.includes(d)) return d;
  }
}
function formatVariables(vars, format, random) {
  switch (format) {
    case "sh":
      return vars.map(([k, v]) => `export ${k}=${shQuote(v)}
`).join("");
    case "dotenv":
      return vars.map(([k, v]) => `${k}=${dotenvQuote(v)}
`).join("");
    case "json":
      return `${JSON.stringify(Object.fromEntries(vars))}
`;
    case "github":
      return vars.map(([k, v]) => {
        const d = githubDelimiter(v, random);
        return `${k}<<${d}
${v}
${d}
`;
      }).join("");
  }
}

function isForbiddenKey(key) {
  return /^(DHPASS|DHUSER|DHURL)$/i.test(key) || /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|PRIVATE_KEY/i.test(key);
}
async function envscript(ctx, req) {
  const { host } = ctx;
  const dryRun = ctx.dryRun || req.dryRun === true;
  if (!ENVSCRIPT_FORMATS.includes(req.format)) {
    throw new InvalidInputError(`--format "${req.format}" is not one of ${ENVSCRIPT_FORMATS.join(", ")}`);
  }
  const ci = ctx.ci();
  const git = await readGitFacts(host);
  const now = host.now();
  const base = { env: host.env, git, ci, now, cwd: host.cwd };
  const first = buildVariables(base);
  const tomlPath = req.toml ?? "component.toml";
  const toml = await readComponentToml(host, { path: tomlPath, vars: { ...host.env, ...first } });
  if (!toml) host.log.debug(`${tomlPath} not found: only the derived variables are written`);
  const derived = toml ? buildVariables({ ...base, attributes: toml.attributes }) : first;
  const vars = {};
  const effective = (name) => {
    const e = host.env[name];
    return e !== void 0 && e !== "" ? e : derived[name];
  };
  for (const name of BUILD_VARIABLE_NAMES) {
    const v = effective(name);
    if (v !== void 0) vars[name] = v;
  }
  const previous = await previousCommit(ctx, req.componentName ?? toml?.values.Name, req.componentVariant ?? toml?.values.Variant);
  const envOr = (name, v) => {
    const e = host.env[name];
    const value = e !== void 0 && e !== "" ? e : v;
    if (value !== void 0) vars[name] = value;
  };
  envOr("GIT_PREVIOUS_COMPONENT_COMMIT", previous);
  const lines = await diffStat(host, previous, git.commit);
  envOr("GIT_LINES_ADDED", String(lines.added));
  envOr("GIT_LINES_DELETED", String(lines.deleted));
  for (const [k, v] of Object.entries(toml?.exports ?? {})) vars[k] = v;
  const kept = filterVariables(host, vars);
  const text = formatVariables(kept, req.format);
  const variables = Object.fromEntries(kept);
  const print = req.print !== false;
  if (!req.output || dryRun) {
    if (req.output) host.log.info(`dry run: would append ${kept.length} variables to ${req.output}`);
    if (print) host.stdout(text);
    return {
      ok: true,
      operation: "envscript",
      file: null,
      format: req.format,
      variables,
      script: text,
      ...dryRun ? { dryRun: true } : {}
    };
  }
  const file = path.resolve(host.cwd, req.output);
  await appendText(file, text);
  return { ok: true, operation: "envscript", file, format: req.format, variables, script: text };
}
function filterVariables(host, vars) {
  const out = [];
  for (const [k, v] of Object.entries(vars)) {
    if (!VARIABLE_NAME.test(k)) {
      host.log.warn(`envscript: "${k}" is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*), skipped`);
      continue;
    }
    if (isForbiddenKey(k)) {
      host.log.warn(`envscript: ${k} looks like a credential, skipped`);
      continue;
    }
    if (host.redactor.redact(v) !== v) {
      host.log.warn(`envscript: the value of ${k} contains a secret, skipped`);
      continue;
    }
    if (v.includes("\0")) {
      host.log.warn(`envscript: the value of ${k} contains a NUL byte, skipped`);
      continue;
    }
    out.push([k, v]);
  }
  return out.sort((a, b) => byteOrder(a[0], b[0]));
}
async function previousCommit(ctx, name, variant) {
  if (!name || name.trim() === "") return void 0;
  let base;
  try {
    base = componentBaseName(componentParts(name, variant));
  } catch (err) {
    ctx.host.log.warn(`envscript: no previous component commit: ${err.message}`);
    return void 0;
  }
  try {
    const versions = await (await ctx.backend()).listComponentVersions(base);
    const latest = versions[versions.length - 1];
    const commit = latest?.attributes.GitCommit;
    return commit && commit.trim() !== "" ? commit.trim() : void 0;
  } catch (err) {
    ctx.host.log.warn(`envscript: could not read the previous version of ${base}: ${err.message}`);
    return void 0;
  }
}
async function appendText(file, text) {
  let fh;
  try {
    let prefix = "";
    const st = await promises.stat(file).catch(() => void 0);
    if (st && st.isFile() && st.size > 0) {
      const rd = await promises.open(file, "r");
      try {
        const buf = Buffer.alloc(1);
        await rd.read(buf, 0, 1, st.size - 1);
        if (buf[0] !== 10) prefix = "\n";
      } finally {
        await rd.close();
      }
    }
    fh = await promises.open(file, "a", 420);
    await fh.writeFile(prefix + text, "utf8");
  } catch (err) {
    throw new InvalidInputError(`cannot write ${file}: ${err.code ?? err.message}`, {
      hint: "check that --output names a writable file in an existing directory"
    });
  } finally {
    await fh?.close();
  }
}
const envscriptCommand = {
  name: "envscript",
  summary: "Write the build variables (GIT_*, SHORT_SHA, BUILDNUM, ...) and component.toml [Export] keys as a script",
  examples: [
    "shiplog envscript --output env.sh && . ./env.sh",
    "shiplog envscript --toml services/cart/component.toml --format dotenv --output build.env",
    'shiplog envscript --format github --output "$GITHUB_ENV"',
    "shiplog envscript --format json"
  ],
  mutating: true,
  request(inputs) {
    const problems = [];
    const format = str(inputs, "format") ?? "sh";
    if (!ENVSCRIPT_FORMATS.includes(format)) {
      problems.push(`--format "${format}" is not one of ${ENVSCRIPT_FORMATS.join(", ")}`);
    }
    const dry = inputs["dry-run"];
    if (dry !== void 0 && typeof dry !== "boolean" && !/^(true|false)$/i.test(String(dry).trim())) {
      problems.push(`--dry-run takes true or false, not "${String(dry)}"`);
    }
    const output = str(inputs, "output");
    if (inputs.output !== void 0 && output === void 0) problems.push("--output needs a file name");
    const toml = str(inputs, "toml");
    if (inputs.toml !== void 0 && toml === void 0) problems.push("--toml needs a file name");
    if (problems.length) throw InvalidInputError.of(problems, "see shiplog envscript --help");
    return {
      ...toml ? { toml } : {},
      ...output ? { output } : {},
      format,
      print: !bool(inputs, "json"),
      dryRun: bool(inputs, "dry-run")
    };
  },
  run: envscript,
  render(res) {
    const n = Object.keys(res.variables).length;
    const where = res.file ? `appended to ${res.file}` : res.dryRun ? "computed (dry run, nothing written)" : "printed";
    return `${res.dryRun ? "[dry run] " : ""}${n} variable${n === 1 ? "" : "s"} ${where} (${res.format})`;
  }
};

const ID = /^[A-Za-z][A-Za-z0-9_]*$/;
const CLASS_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const SAFE = /[A-Za-z0-9 _.,:;/=+-]/;
function escapeLabel(text) {
  let out = "";
  for (const ch of text) {
    out += SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}
function flowchart(direction, nodes, edges, classes = []) {
  const lines = [`flowchart ${direction}`];
  for (const c of classes) {
    if (!CLASS_NAME.test(c.name)) throw new Error(`bad mermaid class name ${JSON.stringify(c.name)}`);
    lines.push(`  classDef ${c.name} ${c.style}`);
  }
  for (const n of nodes) {
    checkId(n.id);
    lines.push(`  ${n.id}["${n.lines.map(escapeLabel).join("<br/>")}"]`);
  }
  for (const e of edges) {
    checkId(e.from);
    checkId(e.to);
    lines.push(`  ${e.from} --> ${e.to}`);
  }
  for (const n of nodes) {
    if (n.className === void 0) continue;
    if (!CLASS_NAME.test(n.className)) throw new Error(`bad mermaid class name ${JSON.stringify(n.className)}`);
    lines.push(`  class ${n.id} ${n.className}`);
  }
  return lines.join("\n") + "\n";
}
function checkId(id) {
  if (!ID.test(id)) throw new Error(`bad mermaid node id ${JSON.stringify(id)}`);
}

function graphRequest(inputs) {
  const problems = [];
  const raw = str(inputs, "application");
  const application = raw === void 0 ? void 0 : parseApplication(raw, problems);
  if (raw === void 0) problems.push("--application is required, e.g. --application GLOBAL.Acme.Store.shop");
  if (problems.length > 0) throw InvalidInputError.of(problems);
  return { application };
}
async function runGraph(ctx, req) {
  const backend = await ctx.backend();
  const app = req.application.application;
  const [all, states, config] = await Promise.all([
    backend.listApplicationVersions(app),
    backend.status({ application: app }),
    ctx.pipeline()
  ]);
  if (all.length === 0) {
    throw new InvalidInputError(`application "${app}" has no versions`, {
      hint: "create one with shiplog version-update"
    });
  }
  const deployed = /* @__PURE__ */ new Map();
  for (const s of states) {
    if (s.application !== app) continue;
    deployed.set(s.appVersion, [...deployed.get(s.appVersion) ?? [], s.name]);
  }
  const envOrder = environmentOrder(config);
  const byName = new Map(all.map((v) => [v.name, v]));
  const versions = all.map((v) => graphVersion(v, v.predecessor ? byName.get(v.predecessor) : void 0, (deployed.get(v.name) ?? []).sort(envOrder)));
  return { ok: true, operation: "graph", application: app, mermaid: lineageMermaid(versions), versions };
}
function graphVersion(v, pred, deployedTo) {
  const before = new Set(pred?.components ?? []);
  const nowBases = new Set(v.components.map(baseOfComponentVersion));
  return {
    name: v.name,
    version: v.version,
    predecessor: v.predecessor ?? null,
    components: [...v.components],
    changed: v.components.filter((c) => !before.has(c)),
    removed: [...new Set((pred?.components ?? []).map(baseOfComponentVersion))].filter((b) => !nowBases.has(b)),
    deployedTo
  };
}
function lineageMermaid(versions) {
  const ids = new Map(versions.map((v, i) => [v.name, `v${i}`]));
  const nodes = versions.map((v) => ({
    id: ids.get(v.name),
    lines: [
      v.version,
      ...v.changed.map(shortComponent),
      ...v.removed.map((b) => `removed ${shortComponent(b)}`),
      ...v.deployedTo.length > 0 ? [`deployed: ${v.deployedTo.join(", ")}`] : []
    ],
    className: v.deployedTo.length > 0 ? "deployed" : void 0
  }));
  const edges = [];
  for (const v of versions) {
    const from = v.predecessor ? ids.get(v.predecessor) : void 0;
    if (from) edges.push({ from, to: ids.get(v.name) });
  }
  return flowchart("LR", nodes, edges, [{ name: "deployed", style: "fill:#dff0d8,stroke:#3c763d,stroke-width:2px" }]);
}
function shortComponent(full) {
  const [dotted, ...rest] = full.split(";");
  const i = dotted.lastIndexOf(".");
  return [i < 0 ? dotted : dotted.slice(i + 1), ...rest].join(";");
}
function renderGraph(res) {
  return res.mermaid.trimEnd();
}
const graphCommand = {
  name: "graph",
  summary: "Print an application's version lineage as a Mermaid flowchart, with what changed and where each version runs.",
  examples: [
    "shiplog graph --application GLOBAL.Acme.Store.shop",
    "shiplog graph --application GLOBAL.Acme.Store.shop --json | jq -r .mermaid > lineage.mmd"
  ],
  mutating: false,
  request: (inputs) => graphRequest(inputs),
  run: runGraph,
  render: renderGraph
};

const DEFAULT_HISTORY_LIMIT = 20;
function historyRequest(inputs) {
  const problems = [];
  const app = str(inputs, "application");
  const application = app === void 0 ? void 0 : parseApplication(app, problems);
  const environment = str(inputs, "env");
  const compRaw = str(inputs, "component-name");
  const component = compRaw === void 0 ? void 0 : parseComponentFilter(compRaw, problems);
  const limit = parseLimit(inputs.limit, problems);
  if (problems.length > 0) throw InvalidInputError.of(problems);
  return { application, environment, component, limit };
}
function parseLimit(raw, problems) {
  if (raw === void 0 || typeof raw === "string" && raw.trim() === "") return DEFAULT_HISTORY_LIMIT;
  const text = Array.isArray(raw) ? raw[raw.length - 1] : String(raw);
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    problems.push(`--limit must be a whole number >= 1, got "${text}"`);
    return DEFAULT_HISTORY_LIMIT;
  }
  return n;
}
function parseComponentFilter(raw, problems) {
  const [dotted, ...semi] = raw.split(";");
  try {
    splitDomain(dotted, "component");
  } catch (err) {
    problems.push(err instanceof Error ? err.message : String(err));
    return void 0;
  }
  if (semi.length > 2 || semi.some((p) => p.trim() === "")) {
    problems.push(`component "${raw}" must be <domain>.<name>[;variant][;version]`);
    return void 0;
  }
  const parts = [dotted.trim()];
  if (semi.length >= 1) parts.push(cleanVariant(semi[0].trim()));
  if (semi.length === 2) parts.push(cleanVersion(semi[1].trim()));
  return parts.join(";");
}
async function runHistory(ctx, req) {
  const backend = await ctx.backend();
  if (req.environment !== void 0) await assertKnownEnvironment(backend, await ctx.pipeline(), req.environment);
  const found = await backend.history({
    application: req.application?.application,
    environment: req.environment,
    component: req.component,
    // ask for the whole window even when the version filter below drops some
    limit: req.application?.appVersion ? void 0 : req.limit
  });
  const deployments = found.filter((d) => req.application?.appVersion === void 0 || d.appVersion === req.application.appVersion).sort((a, b) => cmpNewestFirst(a, b)).slice(0, req.limit).map(toEntry$1);
  return {
    ok: true,
    operation: "history",
    deployments,
    filter: {
      application: req.application?.appVersion ?? req.application?.application ?? null,
      environment: req.environment ?? null,
      component: req.component ?? null,
      limit: req.limit
    }
  };
}
function cmpNewestFirst(a, b) {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return b.id - a.id;
}
function toEntry$1(d) {
  return {
    id: d.id,
    application: d.application,
    appVersion: d.appVersion,
    environment: d.environment,
    status: d.status,
    exitCode: d.exitCode,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt ?? null,
    mode: d.mode,
    components: [...d.componentVersions],
    logUrl: d.logUrl ?? null,
    build: buildInfo(d.provenance)
  };
}
function renderHistory(res) {
  return renderTable(
    [
      { header: "ID", cell: (d) => d.id, right: true },
      { header: "STARTED", cell: (d) => shortTime(d.startedAt) },
      { header: "ENVIRONMENT", cell: (d) => d.environment },
      { header: "APPLICATION", cell: (d) => d.application },
      { header: "VERSION", cell: (d) => versionPart(d.appVersion) },
      { header: "STATUS", cell: (d) => d.status },
      { header: "EXIT", cell: (d) => d.exitCode, right: true },
      { header: "MODE", cell: (d) => d.mode },
      { header: "BUILD", cell: (d) => buildLabel(d.build) }
    ],
    res.deployments,
    "no deployments"
  );
}
const historyCommand = {
  name: "history",
  summary: "List deployments newest first, filtered by application, environment or component.",
  examples: [
    "shiplog history",
    "shiplog history --env prod --limit 5",
    "shiplog history --application GLOBAL.Acme.Store.shop --json",
    "shiplog history --component-name GLOBAL.Acme.Store.cart;main"
  ],
  mutating: false,
  request: (inputs) => historyRequest(inputs),
  run: runHistory,
  render: renderHistory
};

const moveCommand = {
  name: "move",
  summary: "Move an application version to another pipeline stage (approval-gated stages need `approve` first)",
  examples: [
    "shiplog move --application GLOBAL.Acme.Store.shop --app-version 1.0.3 --to qa",
    'shiplog move --application "GLOBAL.Acme.Store.shop;1.0.3" --from-domain GLOBAL.Acme.qa --task "Move to prod"'
  ],
  mutating: true,
  request(inputs) {
    const problems = [];
    const app = parseAppVersionRef(str(inputs, "application"), str(inputs, "app-version"), problems);
    if (problems.length > 0 || !app) throw InvalidInputError.of(problems);
    return {
      app,
      to: str(inputs, "to"),
      from: str(inputs, "from"),
      task: str(inputs, "task"),
      notes: str(inputs, "notes"),
      dryRun: bool(inputs, "dry-run")
    };
  },
  async run(ctx, req) {
    const pipeline = await ctx.pipeline();
    const problems = [];
    const named = (v) => {
      if (v === void 0) return void 0;
      const s = findStage(pipeline, v);
      if (!s) problems.push(`unknown stage "${v}"`);
      return s;
    };
    const toNamed = named(req.to);
    const fromNamed = named(req.from);
    if (problems.length > 0) {
      throw InvalidInputError.of(problems, `stages: ${pipeline.stages.map((s) => `${s.name} (domain ${s.domain})`).join(", ")}`);
    }
    const backend = await ctx.backend();
    const av = await findAppVersion(backend, req.app);
    const current = av.stage !== void 0 ? findStage(pipeline, av.stage) : void 0;
    if (fromNamed && current && fromNamed.name !== current.name) {
      throw new InvalidInputError(`${av.name} is in stage "${current.name}", not "${fromNamed.name}"`, { hint: "omit --from to move from the current stage" });
    }
    const from = fromNamed ?? current ?? (av.stage !== void 0 ? requireStage(pipeline, av.stage) : void 0);
    if (!from) {
      throw new InvalidInputError(`the current stage of ${av.name} is unknown to the ${backend.kind} backend`, { hint: "name it with --from (stage or domain)" });
    }
    const to = toNamed ?? nextStage(pipeline, from.name);
    if (!to) {
      throw new InvalidInputError(`${av.name} is in the last stage ("${from.name}"); there is no next stage`, { hint: "name the target with --to" });
    }
    const task = req.task ?? to.task;
    const base = { ok: true, operation: "move", appVersion: av.name, from: from.name, to: to.name, task, requiresApproval: to.requiresApproval };
    if (from.name === to.name) {
      ctx.host.log.info(`${av.name} already is in ${to.name}; nothing to move`);
      return { ...base, moved: false };
    }
    if (req.dryRun) {
      ctx.host.log.info(`dry run: would move ${av.name} from ${from.name} to ${to.name} via task "${task}"${to.requiresApproval ? ` (${to.name} needs an approval)` : ""}`);
      return { ...base, moved: false, dryRun: true };
    }
    const done = await backend.moveApplicationVersion({
      appVersion: av,
      from: { name: from.name, domain: from.domain },
      to: { name: to.name, domain: to.domain },
      task,
      requiresApproval: to.requiresApproval,
      by: actorOf(ctx),
      at: ctx.host.now().toISOString(),
      provenance: ctx.ci()
    });
    return { ...base, from: done.from, to: done.to, moved: true };
  },
  render(res) {
    if (res.dryRun) return `[dry run] ${res.appVersion}: ${res.from} -> ${res.to} (task "${res.task}")`;
    if (!res.moved) return `${res.appVersion} stays in ${res.to}`;
    return `${res.appVersion} moved ${res.from} -> ${res.to} (task "${res.task}")`;
  }
};

function statusRequest(inputs) {
  const problems = [];
  const environment = str(inputs, "env");
  const app = str(inputs, "application");
  const application = app === void 0 ? void 0 : parseApplication(app, problems);
  if (problems.length > 0) throw InvalidInputError.of(problems);
  return { environment, application };
}
async function runStatus(ctx, req) {
  const backend = await ctx.backend();
  const config = await ctx.pipeline();
  if (req.environment !== void 0) await assertKnownEnvironment(backend, config, req.environment);
  const states = await backend.status({ environment: req.environment, application: req.application?.application });
  const byEnv = environmentOrder(config);
  const entries = states.filter((s) => req.environment === void 0 || s.name === req.environment).filter((s) => req.application === void 0 || s.application === req.application.application).filter((s) => req.application?.appVersion === void 0 || s.appVersion === req.application.appVersion).sort((a, b) => byEnv(a.name, b.name) || cmp$1(a.application, b.application)).map(toEntry);
  return {
    ok: true,
    operation: "status",
    environments: entries,
    filter: { environment: req.environment ?? null, application: req.application?.appVersion ?? req.application?.application ?? null }
  };
}
function toEntry(s) {
  return {
    name: s.name,
    application: s.application,
    appVersion: s.appVersion,
    components: [...s.components],
    deploymentId: s.deploymentId,
    deployedAt: s.deployedAt,
    build: buildInfo(s.provenance)
  };
}
function renderStatus(res) {
  if (res.environments.length === 0) {
    const where = res.filter.environment ? ` to ${res.filter.environment}` : "";
    const what = res.filter.application ? ` of ${res.filter.application}` : "";
    return `nothing deployed${what}${where} yet`;
  }
  const rows = res.environments.flatMap((e) => {
    const comps = e.components.length > 0 ? e.components : [""];
    return comps.map((c, i) => ({ e, c, first: i === 0 }));
  });
  return renderTable(
    [
      { header: "ENVIRONMENT", cell: (r) => r.first ? r.e.name : "" },
      { header: "APPLICATION", cell: (r) => r.first ? r.e.application : "" },
      { header: "VERSION", cell: (r) => r.first ? versionPart(r.e.appVersion) : "" },
      { header: "DEPLOYED", cell: (r) => r.first ? shortTime(r.e.deployedAt) : "" },
      { header: "ID", cell: (r) => r.first ? r.e.deploymentId : "", right: true },
      { header: "BUILD", cell: (r) => r.first ? buildLabel(r.e.build) : "" },
      { header: "COMPONENTS", cell: (r) => r.c }
    ],
    rows
  );
}
function cmp$1(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
const statusCommand = {
  name: "status",
  summary: "Show what runs where: per environment the application version, its components, since when and by which build.",
  examples: [
    "shiplog status",
    "shiplog status --env prod --json",
    "shiplog status --application GLOBAL.Acme.Store.shop"
  ],
  mutating: false,
  request: (inputs) => statusRequest(inputs),
  run: runStatus,
  render: renderStatus
};

const SBOM_TYPES = ["cyclonedx", "spdx"];
function parseSbomArg(arg, problems) {
  const i = arg.indexOf("@");
  if (i <= 0 || i === arg.length - 1) {
    problems.push(`--sbom must be TYPE@FILE, e.g. cyclonedx@bom.json (got "${arg}")`);
    return void 0;
  }
  const type = arg.slice(0, i).trim().toLowerCase();
  if (!SBOM_TYPES.includes(type)) {
    problems.push(`--sbom type "${arg.slice(0, i)}" is not one of ${SBOM_TYPES.join(", ")}`);
    return void 0;
  }
  return { type, file: arg.slice(i + 1).trim() };
}
function tomlString(values, key) {
  const v = values?.[key];
  if (v === void 0 || v === null) return void 0;
  const s = String(v).trim();
  return s === "" ? void 0 : s;
}
async function resolveComponentPlan(ctx, req, flagAttributes) {
  const host = ctx.host;
  const now = host.now();
  const git = await readGitFacts(host, host.cwd);
  const ci = ctx.ci();
  const envVars = {};
  for (const [k, v] of Object.entries(host.env)) if (v !== void 0) envVars[k] = v;
  const vars = { ...buildVariables({ env: host.env, git, ci, now, cwd: host.cwd }), ...envVars };
  const tomlPath = path.resolve(host.cwd, req.toml);
  const toml = await readComponentToml(host, { path: tomlPath, vars });
  const values = toml?.values;
  const fromGit = toml ? {} : componentFromGit(git);
  if (!toml) host.log.info(`${req.toml} not found; naming the component from git`);
  const problems = [];
  const name = req.name ?? tomlString(values, "Name") ?? fromGit.Name;
  const variant = req.variant ?? tomlString(values, "Variant") ?? fromGit.Variant;
  const requested = req.version ?? tomlString(values, "Version") ?? fromGit.Version;
  let parts;
  if (name === void 0) {
    problems.push(toml ? `no component name: ${toml.file} has no Name and --component-name is not given` : "no component name: give --component-name, or a component.toml with Name (git gave none)");
  } else {
    try {
      parts = componentParts(name, variant, requested);
    } catch (err) {
      problems.push(err.message);
    }
  }
  if (parts && !parts.version && !req.autoIncrement) {
    problems.push("no component version: give --component-version, Version in component.toml, or --auto-increment true");
  }
  const application = req.application ?? tomlString(values, "Application");
  const appVersion = req.appVersion ?? tomlString(values, "Application_Version");
  let app;
  if (application !== void 0) {
    try {
      const p2 = applicationParts(application, appVersion);
      app = { application: applicationBaseName(p2), ...p2.version ? { version: p2.version } : {} };
    } catch (err) {
      problems.push(err.message);
    }
  } else if (appVersion !== void 0) {
    problems.push("an application version is given but no application (--application or Application in component.toml)");
  }
  const sboms = [];
  for (const s of req.sboms) {
    const file = path.resolve(host.cwd, s.file);
    try {
      sboms.push({ type: s.type, content: await promises.readFile(file, "utf8") });
    } catch (err) {
      problems.push(`cannot read SBOM ${file}: ${err.code ?? err.message}`);
    }
  }
  if (problems.length > 0) throw InvalidInputError.of(problems);
  const derived = derivedAttributes({ env: host.env, vars, ci, now });
  const resolved = await resolveAttributes(host, { toml: toml?.attributes ?? {}, derived, flags: flagAttributes });
  const attributes = resolved.attributes;
  const files = {};
  for (const kind of ["readme", "license", "swagger"]) {
    const text = resolved.files[kind];
    if (text !== void 0) files[kind] = text;
  }
  const p = parts;
  const base = componentBaseName(p);
  const environment = req.environment ?? tomlString(values, "DeployEnv");
  return {
    parts: p,
    base,
    ...req.autoIncrement ? {
      autoIncrement: async (backend) => {
        const existing = (await backend.listComponentVersions(base)).map((v) => v.version);
        return autoIncrementVersion({ requested: p.version, existing, commitCount: git.commitCount, sha: git.shortSha });
      }
    } : {},
    attributes,
    ...Object.keys(files).length > 0 ? { files } : {},
    sboms,
    ...app ? { app } : {},
    ...environment ? { environment } : {},
    ...toml ? { tomlFile: toml.file } : {}
  };
}

const versionUpdateCommand = {
  name: "version-update",
  summary: "Record a new component version (from component.toml, flags or git) and the application version holding it",
  examples: [
    "shiplog version-update                       # reads ./component.toml",
    "shiplog version-update --component-name GLOBAL.Acme.Store.cart --component-version 1.4.0 --application GLOBAL.Acme.Store.shop",
    "shiplog version-update --toml svc/component.toml --auto-increment true --attr DockerSha=sha256:0f3c... --sbom cyclonedx@bom.json",
    "shiplog version-update --application GLOBAL.Acme.Store.shop --env dev -- ./deploy.sh dev"
  ],
  mutating: true,
  request(inputs, extra) {
    const problems = [];
    const sboms = [];
    for (const s of list(inputs, "sbom")) {
      const parsed = parseSbomArg(s, problems);
      if (parsed) sboms.push(parsed);
    }
    const timeoutMs = durationInput(inputs, "timeout", problems) ?? DEFAULT_TIMEOUT_MS;
    const kind = str(inputs, "kind") ?? "docker";
    if (kind !== "docker" && kind !== "file") problems.push(`--kind must be docker or file (got "${kind}")`);
    if (problems.length > 0) throw InvalidInputError.of(problems);
    return {
      toml: str(inputs, "toml") ?? "component.toml",
      name: str(inputs, "component-name"),
      variant: str(inputs, "component-variant"),
      version: str(inputs, "component-version"),
      autoIncrement: bool(inputs, "auto-increment"),
      kind,
      attr: list(inputs, "attr"),
      sboms,
      application: str(inputs, "application"),
      appVersion: str(inputs, "app-version"),
      appAutoIncrement: bool(inputs, "app-auto-increment"),
      environment: str(inputs, "env"),
      commandArgs: extra.commandArgs,
      timeoutMs,
      dryRun: bool(inputs, "dry-run")
    };
  },
  async run(ctx, req) {
    const host = ctx.host;
    const flags = await parseAttrArgs(host, req.attr);
    const plan = await resolveComponentPlan(ctx, req, flags);
    const pipeline = await ctx.pipeline();
    const backend = await ctx.backend();
    let deployPlan;
    if (plan.environment !== void 0) {
      const problems = [];
      const source = deploySource(void 0, req.commandArgs, void 0, void 0, problems);
      if (problems.length > 0) throw InvalidInputError.of(problems);
      if (!plan.app) {
        throw new InvalidInputError(`deploying to ${plan.environment} needs an application`, { hint: "pass --application (or set Application in component.toml)" });
      }
      deployPlan = await planDeployment(ctx, pipeline, backend, { environment: plan.environment, source, timeoutMs: req.timeoutMs });
    }
    const version = plan.autoIncrement ? await plan.autoIncrement(backend) : plan.parts.version;
    const fullName = `${plan.base};${version}`;
    const provenance = ctx.ci();
    const at = host.now().toISOString();
    const attributes = host.redactor.redactValue(plan.attributes);
    if (req.dryRun) {
      const existing = await backend.getComponentVersion(fullName);
      host.log.info(`dry run: would ${existing ? "reuse" : "create"} component version ${fullName} (${Object.keys(attributes).length} attributes${plan.sboms.length ? `, ${plan.sboms.length} SBOMs` : ""})`);
      let app = null;
      if (plan.app) {
        const name = plan.app.version ? `${plan.app.application};${plan.app.version}` : `${plan.app.application} (next version)`;
        host.log.info(`dry run: would put ${fullName} into application version ${name}`);
        app = { id: null, name, created: false };
      }
      if (plan.environment) host.log.info(`dry run: would deploy to ${plan.environment}`);
      return {
        ok: true,
        operation: "version-update",
        componentVersion: { id: existing?.id ?? null, name: fullName, created: false },
        appVersion: app,
        attributes,
        dryRun: true
      };
    }
    const cv = await backend.putComponentVersion({
      domain: plan.parts.domain,
      short: plan.parts.short,
      ...plan.parts.variant ? { variant: plan.parts.variant } : {},
      version,
      kind: req.kind,
      attributes,
      ...plan.files && Object.keys(plan.files).length > 0 ? { files: plan.files } : {},
      ...plan.sboms.length > 0 ? { sboms: plan.sboms } : {},
      provenance,
      at
    });
    const result = {
      ok: true,
      operation: "version-update",
      componentVersion: { id: cv.value.id, name: cv.value.name, created: cv.created, ...cv.updated ? { updated: true } : {} },
      appVersion: null,
      attributes
    };
    if (!plan.app) return result;
    const av = await backend.putApplicationVersion({
      application: plan.app.application,
      ...plan.app.version ? { version: plan.app.version } : {},
      autoIncrement: req.appAutoIncrement,
      component: cv.value,
      initialStage: pipeline.stages[0].name,
      provenance,
      at
    });
    result.appVersion = { id: av.value.id, name: av.value.name, created: av.created, ...av.updated ? { updated: true } : {} };
    if (!deployPlan) return result;
    const fresh = await findAppVersion(backend, { application: av.value.application, version: av.value.version });
    try {
      const deployed = await performDeployment(ctx, pipeline, backend, deployPlan, fresh);
      return { ...result, deployment: deployed.deployment };
    } catch (err) {
      if (err instanceof FailedDeploymentError) {
        throw new FailedDeploymentError(err.message, { ...result, ok: false, deployment: err.result.deployment });
      }
      throw err;
    }
  },
  render(res) {
    const lines = [
      `${res.dryRun ? "[dry run] " : ""}component version ${res.componentVersion.name}${res.dryRun ? "" : res.componentVersion.created ? " (created)" : " (exists, created: false)"}`
    ];
    if (res.appVersion) lines.push(`application version ${res.appVersion.name}${res.dryRun ? "" : res.appVersion.created ? " (created)" : " (exists, created: false)"}`);
    if (res.deployment) lines.push(renderDeployment(res.deployment));
    return lines.join("\n");
  }
};

const COMMAND_MODULES = {
  "version-update": versionUpdateCommand,
  move: moveCommand,
  approve: approveCommand,
  deploy: deployCommand,
  envscript: envscriptCommand,
  status: statusCommand,
  history: historyCommand,
  diff: diffCommand,
  graph: graphCommand
};
function commandModule(name) {
  return Object.prototype.hasOwnProperty.call(COMMAND_MODULES, name) ? COMMAND_MODULES[name] : void 0;
}

const SECRET_ENV_PATTERN = /(^DHPASS$|_TOKEN$|_PASSWORD$|_SECRET$|^DH_PASSWORD$)/;
function registerSecrets(host, inputs) {
  for (const spec of INPUTS) {
    if (!spec.secret) continue;
    const v = inputs[spec.name];
    for (const s of Array.isArray(v) ? v : [v]) if (typeof s === "string") host.redactor.add(s);
    for (const e of spec.env ?? []) host.redactor.add(host.env[e]);
  }
  for (const [k, v] of Object.entries(host.env)) {
    if (SECRET_ENV_PATTERN.test(k.toUpperCase())) host.redactor.add(v);
  }
}
async function execute(command, inputs, host, opts = {}) {
  let backend;
  try {
    registerSecrets(host, inputs);
    const mod = commandModule(command);
    if (!mod) {
      throw new UsageError(`unknown command "${command}"`, { hint: `commands: ${COMMANDS.join(", ")}` });
    }
    const resolved = resolveInputs(command, inputs, host.env);
    if (resolved.problems.length > 0) throw InvalidInputError.of(resolved.problems, `see shiplog ${command} --help`);
    const v = resolved.values;
    const req = mod.request(v, { commandArgs: opts.commandArgs ?? [] });
    const dryRun = mod.mutating && v["dry-run"] === true;
    const backendOpts = {
      backend: v.backend,
      stateDir: v["state-dir"],
      dhurl: v.dhurl,
      dhuser: v.dhuser,
      dhpass: v.dhpass,
      caCert: v["ca-cert"],
      insecure: v.insecure === true
    };
    let opening;
    let pipeline;
    let ci;
    const ctx = {
      host,
      dryRun,
      ci: () => ci ??= readCiContext(host.env, host.cwd),
      pipeline: () => pipeline ??= loadPipelineConfig(host, resolved.sources.config === "default" ? void 0 : v.config),
      backend: () => opening ??= (async () => {
        const kind = selectBackend(backendOpts);
        if (dryRun && kind === "local" && !require$$3.existsSync(stateDirOf(host, backendOpts))) {
          backend = emptyBackend("local", stateDirOf(host, backendOpts));
          return backend;
        }
        const opened = await (opts.openBackend ?? openBackend)(host, backendOpts);
        backend = opened;
        return dryRun ? readOnlyBackend(opened) : opened;
      })()
    };
    const result = await mod.run(ctx, req);
    return { exitCode: 0, result: host.redactor.redactValue(result) };
  } catch (err) {
    const e = toShiplogError(err);
    const base = err instanceof FailedDeploymentError ? err.result : { ok: false, operation: command };
    return { exitCode: e.exitCode, result: host.redactor.redactValue({ ...base, ok: false, error: e.toJSON() }), error: e };
  } finally {
    if (backend) {
      await backend.close().catch((err) => host.log.debug(`closing the backend failed: ${String(err)}`));
    }
  }
}

const MASK = "***";
const MIN_SECRET_LENGTH = 3;
class Redactor {
  needles = /* @__PURE__ */ new Set();
  pattern;
  /** Register a secret value. Empty and very short values are ignored. */
  add(secret) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) return;
    const forms = /* @__PURE__ */ new Set([secret, encodeURIComponent(secret), formEncode(secret)]);
    const b64 = Buffer.from(secret, "utf8").toString("base64");
    forms.add(b64);
    forms.add(b64.replace(/=+$/, ""));
    forms.add(Buffer.from(secret, "utf8").toString("base64url"));
    for (const prefixLen of [1, 2]) {
      const enc = Buffer.from("x".repeat(prefixLen) + secret, "utf8").toString("base64");
      const stable = enc.slice(4, enc.length - 4);
      if (stable.length >= 8) forms.add(stable);
    }
    let changed = false;
    for (const f of forms) {
      if (f.length >= MIN_SECRET_LENGTH && !this.needles.has(f)) {
        this.needles.add(f);
        changed = true;
      }
    }
    if (changed) this.pattern = void 0;
  }
  /** True when at least one secret is registered. */
  get size() {
    return this.needles.size;
  }
  /** The registered raw secrets and their encoded forms (for adapters that must mask them natively). */
  values() {
    return [...this.needles];
  }
  redact(text) {
    if (this.needles.size === 0 || !text) return text;
    if (!this.pattern) {
      const sorted = [...this.needles].sort((a, b) => b.length - a.length);
      this.pattern = new RegExp(sorted.map(escapeRegExp).join("|"), "g");
    }
    return text.replace(this.pattern, MASK);
  }
  /** Deep-redacts every string in a JSON-like value. */
  redactValue(value) {
    if (this.needles.size === 0) return value;
    return JSON.parse(this.redact(JSON.stringify(value)));
  }
}
function formEncode(s) {
  return encodeURIComponent(s).replace(/%20/g, "+");
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function createHost(opts) {
  const redactor = opts.redactor ?? new Redactor();
  const out = (text) => opts.stdout(redactor.redact(text));
  const err = (text) => opts.stderr(redactor.redact(text));
  const debug = opts.debug ?? false;
  const log = {
    info: (m) => {
      if (!opts.quiet) err(`${m}
`);
    },
    warn: (m) => err(`shiplog: warning: ${m}
`),
    error: (m) => err(`shiplog: error: ${m}
`),
    debug: (m) => {
      if (debug) err(`shiplog: debug: ${m}
`);
    }
  };
  return {
    env: opts.env,
    cwd: opts.cwd,
    stdout: out,
    stderr: err,
    now: opts.now ?? (() => /* @__PURE__ */ new Date()),
    redactor,
    log,
    debug
  };
}

function describe(spec, command) {
  const extra = [];
  if (isRequired(spec, command)) extra.push("required");
  if (spec.default !== void 0) extra.push(`default: ${spec.default}`);
  if (spec.env?.length) extra.push(`env: ${spec.env.join(", ")}`);
  if (spec.type === "list") extra.push("repeatable");
  if (spec.type === "enum" && spec.values) extra.push(`one of: ${spec.values.join(", ")}`);
  return extra.length > 0 ? `${spec.description} (${extra.join("; ")})` : spec.description;
}
function collect(value, previous) {
  return [...previous ?? [], value];
}
function makeOption(flag, spec, description) {
  if (spec.type === "boolean") return new Option(`--${flag} [true|false]`, description);
  const placeholder = spec.type === "integer" ? "<n>" : spec.type === "duration" ? "<duration>" : spec.type === "enum" ? "<value>" : "<value>";
  const opt = new Option(`--${flag} ${placeholder}`, description);
  if (spec.type === "list") opt.argParser(collect);
  return opt;
}
function addInputFlags(cmd, command) {
  const bindings = [];
  for (const spec of inputsFor(command, { includeCliOnly: true })) {
    const main = makeOption(spec.name, spec, describe(spec, command));
    cmd.addOption(main);
    const options = [main];
    for (const alias of spec.aliases ?? []) {
      const opt = makeOption(alias, spec, `alias of --${spec.name}`).hideHelp();
      cmd.addOption(opt);
      options.push(opt);
    }
    bindings.push({ spec, options });
  }
  return bindings;
}
function readInputFlags(opts, bindings) {
  const inputs = {};
  for (const { spec, options } of bindings) {
    const values = options.map((o) => opts[o.attributeName()]).filter((v) => v !== void 0);
    if (values.length === 0) continue;
    if (spec.type === "list") inputs[spec.name] = values.flatMap((v) => Array.isArray(v) ? v.map(String) : [String(v)]);
    else inputs[spec.name] = values[0];
  }
  return inputs;
}

function printOutcome(host, mod, outcome, json) {
  const { result } = outcome;
  if (outcome.exitCode === 0 && mod) {
    const text = mod.render(result);
    if (text) host.stderr(`${text}
`);
  } else {
    const deployment = result.deployment;
    if (deployment && deployment.id !== null) host.stderr(`${renderDeployment(deployment)}
`);
    printError(host, result.error, outcome.error);
  }
  if (json) host.stdout(`${JSON.stringify(result)}
`);
}
function printError(host, error, cause) {
  host.stderr(`shiplog: error: ${error?.message ?? "unknown error"}
`);
  if (error?.hint) host.stderr(`hint: ${error.hint}
`);
  if (host.debug && cause instanceof Error) {
    host.stderr(`${cause.stack ?? cause.message}
`);
    const inner = cause.cause;
    if (inner instanceof Error) host.stderr(`caused by: ${inner.stack ?? inner.message}
`);
  }
}

const SHIPLOG_VERSION = "0.1.0";

const TAKES_COMMAND_WORDS = ["deploy", "version-update"];
function isTrueFlag(v) {
  return v === true || v === "true";
}
function buildProgram(io, done) {
  const program = new Command("shiplog").description("Track and drive software releases from any CI system (Ortelius/DeployHub compatible)").version(SHIPLOG_VERSION, "-V, --version", "print the shiplog version").helpOption("-h, --help", "show help").addHelpCommand(false).exitOverride().showSuggestionAfterError(true).configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {
  } });
  for (const name of COMMANDS) {
    const mod = commandModule(name);
    if (!mod) continue;
    const cmd = program.command(name).description(mod.summary).exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {
    } });
    const bindings = addInputFlags(cmd, name);
    if (TAKES_COMMAND_WORDS.includes(name)) cmd.argument("[command...]", "deployment command to run (after --)");
    cmd.addHelpText("after", `
Examples:
${mod.examples.map((e) => `  ${e}`).join("\n")}
`);
    cmd.action(async (...args) => {
      const opts = cmd.opts();
      const inputs = readInputFlags(opts, bindings);
      const json = isTrueFlag(inputs.json);
      const debug = isTrueFlag(inputs.debug);
      const commandArgs = TAKES_COMMAND_WORDS.includes(name) ? args[0] ?? [] : [];
      const host = createHost({ env: io.env, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr, debug });
      const outcome = await execute(name, inputs, host, { ...io.executeOptions, commandArgs });
      printOutcome(host, mod, outcome, json);
      done(outcome.exitCode);
    });
  }
  return program;
}
async function runCli(io) {
  let code = EXIT.OK;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  if (io.argv.length === 0) {
    io.stderr(program.helpInformation());
    return EXIT.INVALID;
  }
  try {
    await program.parseAsync(io.argv, { from: "user" });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.exitCode === 0) return EXIT.OK;
      const message = err.message.replace(/^error:\s*/, "").replace(/\s*\n\s*/g, " ");
      const error = { ok: false, error: { code: "USAGE", message, exitCode: EXIT.INVALID, hint: "see shiplog --help" } };
      const host = createHost({ env: io.env, cwd: io.cwd, stdout: io.stdout, stderr: io.stderr });
      printError(host, error.error);
      if (io.argv.some((a) => a === "--json" || a === "--json=true")) io.stdout(`${JSON.stringify(error)}
`);
      return EXIT.INVALID;
    }
    io.stderr(`shiplog: error: internal error, please report: ${err instanceof Error ? err.message : String(err)}
`);
    return EXIT.OPERATION_FAILED;
  }
}

function swapComponent(components, cv) {
  if (components.includes(cv)) return { components: [...components], changed: false };
  const base = baseOfComponentVersion(cv);
  const i = components.findIndex((c) => baseOfComponentVersion(c) === base);
  const next = [...components];
  if (i >= 0) next[i] = cv;
  else next.push(cv);
  return { components: next, changed: true };
}
function nextFreeVersion(application, version, taken) {
  let v = version;
  for (let i = 0; i <= taken.size && taken.has(`${application};${v}`); i++) v = bumpVersion(v);
  return v;
}

function isErrno(err, code) {
  return typeof err === "object" && err !== null && err.code === code;
}
async function readTextIfExists(path) {
  try {
    return await promises.readFile(path, "utf8");
  } catch (err) {
    if (isErrno(err, "ENOENT") || isErrno(err, "ENOTDIR")) return void 0;
    throw err;
  }
}
async function fsyncPath(path) {
  const fh = await promises.open(path, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
async function writeFileAtomic(tmpDir, target, data) {
  const tmp = path.join(tmpDir, `${path.basename(target)}.${process.pid}.${node_crypto.randomBytes(6).toString("hex")}`);
  const fh = await promises.open(tmp, "w", 420);
  try {
    await fh.writeFile(data, "utf8");
    await fh.sync();
  } finally {
    await fh.close();
  }
  const changed = [path.dirname(target)];
  try {
    await promises.rename(tmp, target);
  } catch (err) {
    if (!isErrno(err, "ENOENT")) throw err;
    const first = await promises.mkdir(path.dirname(target), { recursive: true });
    if (first) changed.push(...parentsFrom(first, path.dirname(target)));
    await promises.rename(tmp, target);
  }
  return changed;
}
function parentsFrom(first, last) {
  const out = [path.dirname(first)];
  for (let d = last; d !== path.dirname(first) && d.length >= first.length; d = path.dirname(d)) out.push(d);
  return out;
}

const SCHEMA_VERSION = 1;
const STORE_FORMAT = "shiplog-local-store";
const SCHEMA_FILE = "schema.json";
const META_FILE = "meta.json";
const JOURNAL_FILE = "journal.json";
const LOCK_FILE = "write.lock";
const TMP_DIR = "tmp";
const LOG_DIR = "log";
const ENV_DIR = "objects/env";
const KIND_DIR = {
  "component-base": "objects/cb",
  "component-version": "objects/cv",
  application: "objects/ab",
  "application-version": "objects/av"
};
function hashName(name) {
  return node_crypto.createHash("sha256").update(name, "utf8").digest("hex").slice(0, 40);
}
function objectPath(kind, name) {
  const h = hashName(name);
  return path.join(KIND_DIR[kind], h.slice(0, 2), `${h}.json`);
}
function envPath(name) {
  return path.join(ENV_DIR, `${hashName(name)}.json`);
}
function segmentPath(n) {
  return path.join(LOG_DIR, `${String(n).padStart(6, "0")}.jsonl`);
}
function emptyMeta() {
  return { seq: 0, next: { componentVersion: 1, applicationVersion: 1, deployment: 1 }, log: { segment: 1, length: 0 } };
}

const CHUNK = 256 * 1024;
async function writeSegmentAt(root, segment, offset, data) {
  const path$1 = path.join(root, segmentPath(segment));
  const fh = await promises.open(path$1, "r+").catch((err) => {
    if (isErrno(err, "ENOENT")) return promises.open(path$1, "w+");
    throw err;
  });
  try {
    const st = await fh.stat();
    if (st.size < offset) {
      throw new ConfigError(`deployment log ${segmentPath(segment)} is shorter (${st.size} bytes) than its committed length ${offset}`);
    }
    if (st.size !== offset) await fh.truncate(offset);
    const buf = Buffer.from(data, "utf8");
    await fh.write(buf, 0, buf.length, offset);
    await fh.sync();
  } finally {
    await fh.close();
  }
}
async function truncateUncommitted(root, log) {
  const path$1 = path.join(root, segmentPath(log.segment));
  const st = await promises.stat(path$1).catch((err) => {
    if (isErrno(err, "ENOENT")) return void 0;
    throw err;
  });
  if (!st) {
    if (log.length > 0) throw new ConfigError(`deployment log ${segmentPath(log.segment)} is missing`);
    return;
  }
  if (st.size < log.length) {
    throw new ConfigError(`deployment log ${segmentPath(log.segment)} is shorter (${st.size} bytes) than its committed length ${log.length}`);
  }
  if (st.size > log.length) {
    const fh = await promises.open(path$1, "r+");
    try {
      await fh.truncate(log.length);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }
}
async function* readDeploymentsNewestFirst(root, log) {
  for (let seg = log.segment; seg >= 1; seg--) {
    const path$1 = path.join(root, segmentPath(seg));
    let end;
    if (seg === log.segment) end = log.length;
    else {
      const st = await promises.stat(path$1).catch(() => void 0);
      if (!st) throw new ConfigError(`deployment log ${segmentPath(seg)} is missing`);
      end = st.size;
    }
    if (end === 0) continue;
    for await (const line of linesBackward(path$1, end)) {
      if (line === "") continue;
      try {
        yield JSON.parse(line);
      } catch {
        throw new ConfigError(`deployment log ${segmentPath(seg)} holds a malformed record`);
      }
    }
  }
}
async function* linesBackward(path, end) {
  const fh = await promises.open(path, "r");
  try {
    let pos = end;
    let carry = Buffer.alloc(0);
    while (pos > 0) {
      const size = Math.min(CHUNK, pos);
      pos -= size;
      const buf = Buffer.alloc(size);
      const { bytesRead } = await fh.read(buf, 0, size, pos);
      if (bytesRead !== size) throw new ConfigError(`deployment log ${path} changed while being read`);
      let block = carry.length ? Buffer.concat([buf, carry]) : buf;
      let stop = block.length;
      if (block[stop - 1] === 10) stop--;
      for (let i = stop - 1; i >= 0; i--) {
        if (block[i] === 10) {
          yield block.subarray(i + 1, stop).toString("utf8");
          stop = i;
        }
      }
      carry = Buffer.from(block.subarray(0, stop));
      block = Buffer.alloc(0);
    }
    if (carry.length) yield carry.toString("utf8");
  } finally {
    await fh.close();
  }
}

class LocalBackend {
  constructor(host, store) {
    this.host = host;
    this.store = store;
    this.location = store.root;
  }
  host;
  store;
  kind = "local";
  location;
  get reader() {
    return { get: (rel) => this.store.readObject(rel) };
  }
  // ---- components -------------------------------------------------------------------------------------
  async getComponentVersion(fullName) {
    return this.store.read(async () => (await cvDoc(this.reader, fullName))?.value);
  }
  async listComponentVersions(base) {
    return this.store.read(async () => {
      const doc = await this.reader.get(objectPath("component-base", base));
      if (!doc || doc.base !== base) return [];
      const out = [];
      for (const name of doc.versions) out.push((await mustCv(this.reader, name)).value);
      return out;
    });
  }
  async putComponentVersion(input) {
    const spec = this.host.redactor.redactValue(input);
    const problems = [];
    for (const k of ["domain", "short", "version"]) if (!spec[k]?.trim()) problems.push(`component ${k} is empty`);
    if (spec.kind !== "docker" && spec.kind !== "file") problems.push(`component kind "${String(spec.kind)}" is not docker or file`);
    if (problems.length) throw InvalidInputError.of(problems);
    const parts = { domain: spec.domain, short: spec.short, variant: spec.variant || void 0, version: spec.version };
    const base = componentBaseName(parts);
    const name = componentVersionName(parts);
    return this.store.transact(async (tx) => {
      const existing = await cvDoc(tx, name);
      if (existing) {
        const attributes = { ...existing.value.attributes, ...spec.attributes };
        let changed = !sameJson(attributes, existing.value.attributes);
        existing.value.attributes = attributes;
        if (spec.files && !sameJson(spec.files, existing.files)) existing.files = spec.files, changed = true;
        if (spec.sboms && !sameJson(spec.sboms, existing.sboms)) existing.sboms = spec.sboms, changed = true;
        if (changed) tx.put(objectPath("component-version", name), existing);
        return { value: existing.value, created: false, ...changed ? { updated: true } : {} };
      }
      const baseRel = objectPath("component-base", base);
      const baseDoc = await tx.get(baseRel) ?? {
        base,
        domain: parts.domain,
        short: parts.short,
        ...parts.variant ? { variant: parts.variant } : {},
        versions: []
      };
      if (baseDoc.base !== base) throw collision(baseRel, base);
      const value = {
        id: `cv:${tx.meta.next.componentVersion++}`,
        name,
        base,
        domain: parts.domain,
        short: parts.short,
        ...parts.variant ? { variant: parts.variant } : {},
        version: parts.version,
        kind: spec.kind,
        attributes: { ...spec.attributes },
        ...baseDoc.versions.length ? { predecessor: baseDoc.versions[baseDoc.versions.length - 1] } : {},
        createdAt: spec.at,
        provenance: spec.provenance
      };
      baseDoc.versions.push(name);
      const doc = { value, ...spec.files ? { files: spec.files } : {}, ...spec.sboms ? { sboms: spec.sboms } : {} };
      tx.put(objectPath("component-version", name), doc);
      tx.put(baseRel, baseDoc);
      return { value, created: true };
    });
  }
  // ---- applications -----------------------------------------------------------------------------------
  async getApplicationVersion(fullName) {
    return this.store.read(async () => (await avDoc(this.reader, fullName))?.value);
  }
  async listApplicationVersions(application) {
    return this.store.read(async () => {
      const doc = await this.reader.get(objectPath("application", application));
      if (!doc || doc.application !== application) return [];
      const out = [];
      for (const name of doc.versions) out.push((await mustAv(this.reader, name)).value);
      return out;
    });
  }
  async putApplicationVersion(input) {
    const spec = this.host.redactor.redactValue(input);
    splitDomain(spec.application ?? "", "application");
    if (spec.application.includes(";")) throw new InvalidInputError(`application "${spec.application}" must be a base name without ";"`);
    if (spec.version !== void 0 && !spec.version.trim()) throw new InvalidInputError("application version is empty");
    const cvName = spec.component.name;
    const app = spec.application;
    return this.store.transact(async (tx) => {
      if (!await cvDoc(tx, cvName)) throw new NotFoundError(`component version ${cvName} does not exist`);
      const appRel = objectPath("application", app);
      const appDoc = await tx.get(appRel) ?? { application: app, versions: [] };
      if (appDoc.application !== app) throw collision(appRel, app);
      const latestName = appDoc.versions[appDoc.versions.length - 1];
      const latest = latestName ? (await mustAv(tx, latestName)).value : void 0;
      if (latest && latest.components.includes(cvName)) return { value: latest, created: false };
      let version = spec.version ?? (latest ? bumpVersion(latest.version) : "1");
      const taken = new Set(appDoc.versions);
      if (taken.has(`${app};${version}`)) {
        if (!spec.autoIncrement) {
          const doc2 = await mustAv(tx, `${app};${version}`);
          const swapped = swapComponent(doc2.value.components, cvName);
          if (!swapped.changed) return { value: doc2.value, created: false };
          doc2.value.components = swapped.components;
          tx.put(objectPath("application-version", doc2.value.name), doc2);
          return { value: doc2.value, created: false, updated: true };
        }
        version = nextFreeVersion(app, version, taken);
      }
      const value = {
        id: `av:${tx.meta.next.applicationVersion++}`,
        name: `${app};${version}`,
        application: app,
        version,
        components: swapComponent(latest?.components ?? [], cvName).components,
        ...latest ? { predecessor: latest.name } : {},
        stage: spec.initialStage,
        createdAt: spec.at,
        provenance: spec.provenance
      };
      appDoc.versions.push(value.name);
      const doc = { value, approvals: [], moves: [] };
      tx.put(objectPath("application-version", value.name), doc);
      tx.put(appRel, appDoc);
      return { value, created: true };
    });
  }
  // ---- approvals and moves ----------------------------------------------------------------------------
  async recordApproval(input) {
    const approval = this.host.redactor.redactValue(input);
    if (!approval.stage?.trim()) throw new InvalidInputError("approval stage is empty");
    return this.store.transact(async (tx) => {
      const doc = await avDoc(tx, approval.appVersion);
      if (!doc) throw new NotFoundError(`application version ${approval.appVersion} does not exist`);
      doc.approvals.push(approval);
      tx.put(objectPath("application-version", approval.appVersion), doc);
      return approval;
    });
  }
  async listApprovals(appVersion) {
    return this.store.read(async () => (await avDoc(this.reader, appVersion))?.approvals ?? []);
  }
  async moveApplicationVersion(input) {
    const spec = this.host.redactor.redactValue(input);
    const name = spec.appVersion.name;
    return this.store.transact(async (tx) => {
      const doc = await avDoc(tx, name);
      if (!doc) throw new NotFoundError(`application version ${name} does not exist`);
      const stage = doc.value.stage;
      if (stage !== void 0 && stage !== spec.from.name && stage !== spec.from.domain) {
        throw new InvalidInputError(`application version ${name} is in stage ${stage}, not in ${spec.from.name}`);
      }
      if (spec.requiresApproval) {
        const decisions = doc.approvals.filter((a) => a.stage === spec.to.name || a.stage === spec.to.domain);
        const last = decisions[decisions.length - 1];
        if (!last) {
          throw new ApprovalRequiredError(`application version ${name} needs an approval for stage ${spec.to.name}`, {
            hint: `run: shiplog approve --application ${doc.value.application} --app-version ${doc.value.version} --stage ${spec.to.name}`
          });
        }
        if (!last.approved) {
          throw new ApprovalRejectedError(`application version ${name} was rejected for stage ${spec.to.name} by ${last.by} at ${last.at}`);
        }
      }
      doc.value.stage = spec.to.name;
      doc.moves.push({ from: spec.from.name, to: spec.to.name, task: spec.task, by: spec.by, at: spec.at, provenance: spec.provenance });
      tx.put(objectPath("application-version", name), doc);
      return { from: spec.from.name, to: spec.to.name };
    });
  }
  // ---- deployments ------------------------------------------------------------------------------------
  async recordDeployment(input) {
    const spec = this.host.redactor.redactValue(input);
    const problems = [];
    if (!spec.environment?.trim()) problems.push("environment is empty");
    if (!Number.isInteger(spec.exitCode)) problems.push(`exit code ${String(spec.exitCode)} is not an integer`);
    if (problems.length) throw InvalidInputError.of(problems);
    return this.store.transact(async (tx) => {
      const doc = await avDoc(tx, spec.appVersion.name);
      if (!doc) throw new NotFoundError(`application version ${spec.appVersion.name} does not exist`);
      const av = doc.value;
      const deployment = {
        id: tx.meta.next.deployment++,
        appVersion: av.name,
        application: av.application,
        environment: spec.environment,
        componentVersions: [...av.components],
        exitCode: spec.exitCode,
        status: spec.exitCode === 0 ? "success" : "failed",
        startedAt: spec.startedAt,
        finishedAt: spec.finishedAt,
        log: spec.log,
        ...spec.logUrl ? { logUrl: spec.logUrl } : {},
        mode: spec.mode,
        ...spec.attributes ? { attributes: spec.attributes } : {},
        provenance: spec.provenance
      };
      tx.appendLog(deployment);
      if (deployment.status === "success") {
        const rel = envPath(spec.environment);
        const env = await tx.get(rel) ?? { name: spec.environment, applications: {} };
        if (env.name !== spec.environment) throw collision(rel, spec.environment);
        env.applications[av.application] = {
          name: spec.environment,
          application: av.application,
          appVersion: av.name,
          components: [...av.components],
          deploymentId: deployment.id,
          deployedAt: spec.finishedAt,
          provenance: spec.provenance
        };
        tx.put(rel, env);
      }
      return deployment;
    });
  }
  // ---- queries ----------------------------------------------------------------------------------------
  async status(filter = {}) {
    return this.store.read(async () => {
      const docs = [];
      if (filter.environment !== void 0) {
        const doc = await this.reader.get(envPath(filter.environment));
        if (doc && doc.name === filter.environment) docs.push(doc);
      } else {
        for (const f of await listDir(path.join(this.store.root, ENV_DIR))) {
          if (!f.endsWith(".json")) continue;
          const doc = await this.reader.get(path.join(ENV_DIR, f));
          if (doc) docs.push(doc);
        }
      }
      const out = docs.flatMap((d) => Object.values(d.applications)).filter((s) => filter.application === void 0 || s.application === filter.application);
      return out.sort((a, b) => cmp(a.name, b.name) || cmp(a.application, b.application));
    });
  }
  async history(filter) {
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    if (filter.limit !== void 0 && (!Number.isInteger(filter.limit) || filter.limit < 0)) {
      throw new InvalidInputError(`history limit ${String(filter.limit)} is not a non-negative integer`);
    }
    const out = [];
    if (limit === 0) return out;
    const meta = await this.store.stableMeta();
    for await (const d of readDeploymentsNewestFirst(this.store.root, meta.log)) {
      if (!matches(d, filter)) continue;
      out.push(d);
      if (out.length >= limit) break;
    }
    return out;
  }
  async close() {
  }
}
function matches(d, f) {
  if (f.application !== void 0 && d.application !== f.application) return false;
  if (f.environment !== void 0 && d.environment !== f.environment) return false;
  if (f.component !== void 0) {
    const c = f.component;
    if (!d.componentVersions.some((cv) => cv === c || baseOfComponentVersion(cv) === c)) return false;
  }
  return true;
}
async function cvDoc(r, name) {
  const doc = await r.get(objectPath("component-version", name));
  return doc && doc.value.name === name ? doc : void 0;
}
async function mustCv(r, name) {
  const doc = await cvDoc(r, name);
  if (!doc) throw new ConfigError(`state store is inconsistent: component version ${name} is listed but missing`);
  return doc;
}
async function avDoc(r, name) {
  const doc = await r.get(objectPath("application-version", name));
  return doc && doc.value.name === name ? doc : void 0;
}
async function mustAv(r, name) {
  const doc = await avDoc(r, name);
  if (!doc) throw new ConfigError(`state store is inconsistent: application version ${name} is listed but missing`);
  return doc;
}
function collision(rel, name) {
  return new ConfigError(`state store file ${rel} belongs to another object than ${name} (hash collision)`);
}
function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
async function listDir(dir) {
  try {
    return (await promises.readdir(dir)).sort();
  } catch (err) {
    if (isErrno(err, "ENOENT")) return [];
    throw err;
  }
}

const BREAKER_STALE_MS = 1e4;
async function acquireStoreLock(dir, opts) {
  const lockPath = path.join(dir, LOCK_FILE);
  const me = { pid: process.pid, host: os.hostname(), token: node_crypto.randomUUID(), at: (/* @__PURE__ */ new Date()).toISOString() };
  const candidate = path.join(dir, `${LOCK_FILE}.${process.pid}.${me.token}.cand`);
  await promises.writeFile(candidate, JSON.stringify(me));
  const started = Date.now();
  let attempt = 0;
  let lastOwner;
  try {
    for (; ; ) {
      try {
        await promises.link(candidate, lockPath);
        return () => releaseStoreLock(lockPath, me.token);
      } catch (err) {
        if (!isErrno(err, "EEXIST")) throw err;
      }
      const owner = await readOwner(lockPath);
      if (owner === "gone") continue;
      if (owner !== "unreadable") lastOwner = owner;
      if (await isStale(lockPath, owner, opts.foreignStaleMs ?? 6e5)) {
        await breakStaleLock(dir, lockPath, owner);
        continue;
      }
      const waited = Date.now() - started;
      if (waited >= opts.timeoutMs) {
        const who = lastOwner ? ` by pid ${lastOwner.pid} on ${lastOwner.host} since ${lastOwner.at}` : "";
        throw new StoreLockedError(`state store ${dir} is locked${who}; gave up after ${Math.round(waited / 1e3)} s`, {
          hint: `another shiplog is writing; if no shiplog runs, delete ${lockPath}`
        });
      }
      attempt++;
      await sleep(Math.min(2 + attempt * 2, 40) * (0.5 + Math.random()));
    }
  } finally {
    await promises.unlink(candidate).catch(() => void 0);
  }
}
async function releaseStoreLock(lockPath, token) {
  const owner = await readOwner(lockPath);
  if (typeof owner === "object" && owner.token === token) await promises.unlink(lockPath).catch(() => void 0);
}
async function readOwner(lockPath) {
  let text;
  try {
    text = await promises.readFile(lockPath, "utf8");
  } catch (err) {
    if (isErrno(err, "ENOENT")) return "gone";
    throw err;
  }
  try {
    const o = JSON.parse(text);
    return typeof o.pid === "number" && typeof o.token === "string" ? o : "unreadable";
  } catch {
    return "unreadable";
  }
}
function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return !isErrno(err, "ESRCH");
  }
}
async function isStale(lockPath, owner, foreignStaleMs) {
  if (owner !== "unreadable" && owner.host === os.hostname()) return !processAlive(owner.pid);
  const st = await promises.stat(lockPath).catch(() => void 0);
  if (!st) return false;
  const limit = owner === "unreadable" ? BREAKER_STALE_MS : foreignStaleMs;
  return Date.now() - st.mtimeMs > limit;
}
async function breakStaleLock(dir, lockPath, seen) {
  const breaker = path.join(dir, `${LOCK_FILE}.break`);
  try {
    await promises.mkdir(breaker);
  } catch (err) {
    if (!isErrno(err, "EEXIST")) throw err;
    const st = await promises.stat(breaker).catch(() => void 0);
    if (st && Date.now() - st.mtimeMs > BREAKER_STALE_MS) await promises.rmdir(breaker).catch(() => void 0);
    else await sleep(5);
    return;
  }
  try {
    const now = await readOwner(lockPath);
    const same = seen === "unreadable" ? now === "unreadable" : typeof now === "object" && now.token === seen.token;
    if (same) await promises.unlink(lockPath).catch(() => void 0);
  } finally {
    await promises.rmdir(breaker).catch(() => void 0);
  }
}
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

class Transaction {
  constructor(store, meta) {
    this.store = store;
    this.meta = meta;
  }
  store;
  meta;
  staged = /* @__PURE__ */ new Map();
  appended = [];
  async get(rel) {
    const s = this.staged.get(rel);
    if (s !== void 0) return JSON.parse(s);
    return this.store.readObject(rel);
  }
  put(rel, value) {
    this.staged.set(rel, `${JSON.stringify(value)}
`);
  }
  /** Appends one record to the deployment log (one JSON line). */
  appendLog(record) {
    this.appended.push(`${JSON.stringify(record)}
`);
  }
  get dirty() {
    return this.staged.size > 0 || this.appended.length > 0;
  }
  /** The journal committing this transaction (meta.json included). */
  toJournal(segmentBytes) {
    const meta = { ...this.meta, seq: this.meta.seq + 1, log: { ...this.meta.log } };
    let append;
    if (this.appended.length) {
      const data = this.appended.join("");
      const bytes = Buffer.byteLength(data, "utf8");
      let { segment, length: offset } = meta.log;
      if (offset > 0 && offset + bytes > segmentBytes) {
        segment++;
        offset = 0;
      }
      append = { segment, offset, data };
      meta.log = { segment, length: offset + bytes };
    }
    const writes = [...this.staged].map(([path, data]) => ({ path, data }));
    writes.push({ path: META_FILE, data: `${JSON.stringify(meta)}
` });
    return { seq: meta.seq, writes, append };
  }
}
class LocalStore {
  constructor(root, opts) {
    this.root = root;
    this.opts = opts;
  }
  root;
  opts;
  prepared = false;
  /** 'absent' for a store never written; throws SchemaVersionError for an unknown or newer format. */
  async checkSchema() {
    const text = await readTextIfExists(path.join(this.root, SCHEMA_FILE));
    if (text === void 0) return "absent";
    let s;
    try {
      s = JSON.parse(text);
    } catch {
      throw new SchemaVersionError(`state store ${this.root} has an unreadable ${SCHEMA_FILE}`, {
        hint: "the directory is not a shiplog store, or was damaged; point --state-dir elsewhere"
      });
    }
    if (s.format !== STORE_FORMAT || typeof s.schema !== "number") {
      throw new SchemaVersionError(`state store ${this.root} is not a ${STORE_FORMAT} (format ${JSON.stringify(s.format)})`, {
        hint: "point --state-dir at a shiplog state directory"
      });
    }
    if (s.schema !== SCHEMA_VERSION) {
      const newer = s.schema > SCHEMA_VERSION;
      throw new SchemaVersionError(
        `state store ${this.root} has schema version ${s.schema}; this shiplog reads version ${SCHEMA_VERSION}`,
        { hint: newer ? "it was written by a newer shiplog: upgrade shiplog" : "unknown schema version" }
      );
    }
    return "ok";
  }
  async readObject(rel) {
    const text = await readTextIfExists(path.join(this.root, rel));
    if (text === void 0) return void 0;
    try {
      return JSON.parse(text);
    } catch {
      throw new ConfigError(`state store file ${rel} is malformed`, { hint: `in ${this.root}` });
    }
  }
  async readMeta() {
    return await this.readObject(META_FILE) ?? emptyMeta();
  }
  async journalExists() {
    try {
      await promises.stat(path.join(this.root, JOURNAL_FILE));
      return true;
    } catch (err) {
      if (isErrno(err, "ENOENT") || isErrno(err, "ENOTDIR")) return false;
      throw err;
    }
  }
  /** Runs a read against one committed state (see the file comment). Creates nothing on a missing store. */
  async read(fn) {
    for (let attempt = 0; attempt < 4; attempt++) {
      const before = await this.readMeta();
      if (await this.journalExists()) {
        await this.withLock(async () => void 0);
        continue;
      }
      const result = await fn(before);
      if (!await this.journalExists() && (await this.readMeta()).seq === before.seq) return result;
    }
    return this.withLock(async () => fn(await this.readMeta()));
  }
  /**
   * The committed meta for reading the append-only log: log bytes below its committed end never change,
   * so no retry is needed; a crashed writer's journal is replayed first so its deployment is visible.
   */
  async stableMeta() {
    if (await this.journalExists()) await this.withLock(async () => void 0);
    return this.readMeta();
  }
  /** Runs fn under the lock; commits what it staged. Creates the store on its first write. */
  async transact(fn) {
    return this.withLock(async (schema) => {
      const tx = new Transaction(this, await this.readMeta());
      const result = await fn(tx);
      if (!tx.dirty) return result;
      if (schema === "absent") await this.writeSchema();
      const journal = tx.toJournal(this.opts.segmentBytes);
      const dirs = await writeFileAtomic(this.tmpDir, path.join(this.root, JOURNAL_FILE), JSON.stringify(journal));
      for (const d of new Set(dirs)) await fsyncPath(d);
      await this.applyJournal(journal);
      return result;
    });
  }
  get tmpDir() {
    return path.join(this.root, TMP_DIR);
  }
  async withLock(fn) {
    if (!this.prepared) {
      await promises.mkdir(this.tmpDir, { recursive: true });
      await promises.mkdir(path.join(this.root, LOG_DIR), { recursive: true });
      this.prepared = true;
    }
    const release = await acquireStoreLock(this.root, { timeoutMs: this.opts.lockTimeoutMs });
    try {
      const schema = await this.checkSchema();
      await this.recover();
      return await fn(schema);
    } finally {
      await release();
    }
  }
  async writeSchema() {
    const s = { format: STORE_FORMAT, schema: SCHEMA_VERSION, createdAt: this.opts.now().toISOString() };
    const dirs = await writeFileAtomic(this.tmpDir, path.join(this.root, SCHEMA_FILE), `${JSON.stringify(s)}
`);
    for (const d of new Set(dirs)) await fsyncPath(d);
  }
  /** Under the lock: finishes a crashed writer's transaction and removes its leftovers. */
  async recover() {
    for (const f of await promises.readdir(this.tmpDir)) await promises.unlink(path.join(this.tmpDir, f)).catch(() => void 0);
    await this.removeDeadLockCandidates();
    const text = await readTextIfExists(path.join(this.root, JOURNAL_FILE));
    if (text !== void 0) {
      let journal;
      try {
        journal = JSON.parse(text);
      } catch {
        throw new ConfigError(`state store ${this.root} has a malformed ${JOURNAL_FILE}`);
      }
      await this.applyJournal(journal);
      return;
    }
    await truncateUncommitted(this.root, (await this.readMeta()).log);
  }
  async removeDeadLockCandidates() {
    const prefix = `${LOCK_FILE}.`;
    for (const f of await promises.readdir(this.root)) {
      if (!f.startsWith(prefix) || !f.endsWith(".cand")) continue;
      const pid = Number(f.slice(prefix.length).split(".")[0]);
      if (Number.isInteger(pid) && !processAlive(pid)) await promises.unlink(path.join(this.root, f)).catch(() => void 0);
    }
  }
  async applyJournal(j) {
    const dirs = /* @__PURE__ */ new Set();
    if (j.append) {
      await writeSegmentAt(this.root, j.append.segment, j.append.offset, j.append.data);
      if (j.append.offset === 0) dirs.add(path.join(this.root, LOG_DIR));
    }
    for (const w of j.writes) {
      for (const d of await writeFileAtomic(this.tmpDir, path.join(this.root, w.path), w.data)) dirs.add(d);
    }
    for (const d of dirs) await fsyncPath(d);
    await promises.unlink(path.join(this.root, JOURNAL_FILE));
    await fsyncPath(this.root);
  }
}

const DEFAULT_LOCK_TIMEOUT_MS = 6e4;
const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;
async function openLocalBackend(host, opts) {
  if (!path.isAbsolute(opts.stateDir)) {
    throw new InvalidInputError(`state directory "${opts.stateDir}" must be an absolute path`);
  }
  const st = await promises.stat(opts.stateDir).catch(() => void 0);
  if (st && !st.isDirectory()) {
    throw new ConfigError(`state directory ${opts.stateDir} exists and is not a directory`, {
      hint: "point --state-dir (SHIPLOG_STATE_DIR) at a directory"
    });
  }
  const store = new LocalStore(opts.stateDir, {
    lockTimeoutMs: opts.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    segmentBytes: opts.segmentBytes ?? DEFAULT_SEGMENT_BYTES,
    now: host.now
  });
  await store.checkSchema();
  return new LocalBackend(host, store);
}

var index = /*#__PURE__*/Object.freeze({
	__proto__: null,
	DEFAULT_LOCK_TIMEOUT_MS: DEFAULT_LOCK_TIMEOUT_MS,
	DEFAULT_SEGMENT_BYTES: DEFAULT_SEGMENT_BYTES,
	SCHEMA_VERSION: SCHEMA_VERSION,
	openLocalBackend: openLocalBackend
});

exports.buildProgram = buildProgram;
exports.runCli = runCli;

  })(module.exports, module, createRequire(import.meta.url), __filename, __filename.replace(/[\\/][^\\/]*$/, ''));
  return (__lazyExports = module.exports);
}
function runCli(...args) { return __lazyLoad().runCli(...args); }

var runCli$1 = /*#__PURE__*/Object.freeze({
  __proto__: null,
  runCli: runCli
});
