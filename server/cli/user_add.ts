/**
 * npm run user:add -- --email x@example.org --name "Moderator Name" [--db file] [--reset]
 * The password is read from stdin (first line) or typed at a prompt; it never goes on the
 * command line, where it would land in shell history and the process list.
 */
import { openAnyRegister } from '../register/plugin.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../register/passwords.ts';
import { email as emailRule, requiredLine } from '../../contracts/register/text_rules.ts';
import { cliArgs, fail } from './args.ts';
import { readPassword } from './password_input.ts';

const { values } = cliArgs(
  {
    email: { type: 'string' },
    name: { type: 'string' },
    db: { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
  'npm run user:add -- --email x@example.org --name "Name" [--db file] [--reset]',
);
const email = emailRule.safeParse(values.email ?? '');
if (!email.success || !email.data) fail('--email must be an email address', 2);
const name = requiredLine(100).safeParse(values.name ?? '');
if (!values.reset && !name.success)
  fail('--name is required (one line, at most 100 characters)', 2);

const password = await readPassword('Password: ');
if (password.length < MIN_PASSWORD_LENGTH) {
  fail(`The password must be at least ${MIN_PASSWORD_LENGTH} characters`);
}
if (process.stdin.isTTY && (await readPassword('Again: ')) !== password) {
  fail('The passwords do not match');
}

const register = await openAnyRegister({ file: values.db, seed: false, lock: false });
try {
  const address = email.data.toLowerCase();
  const existing = await register.accounts.findByEmail(address);
  const hash = await hashPassword(password);
  if (existing && values.reset) {
    await register.accounts.setPassword(existing.id, hash);
    process.stdout.write(`password changed for ${address}; their sessions were ended\n`);
  } else if (existing) {
    fail(`${address} already has an account (use --reset to change the password)`);
  } else if (values.reset) {
    fail(`${address} has no account to reset`);
  } else {
    const user = await register.accounts.createUser({
      email: address,
      name: name.success ? name.data : address,
      passwordHash: hash,
    });
    process.stdout.write(`moderator ${user.id} created: ${user.name} <${user.email}>\n`);
  }
} finally {
  await register.close();
}
