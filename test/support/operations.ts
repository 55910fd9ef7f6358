/** Operations the tests share, so each test reads as what it checks. */
export const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { account { id name version domain type annualRevenue { amount currency } tags } userErrors { field message code } }
}`;

export const UPDATE_ACCOUNT = `mutation($input: UpdateAccountInput!) {
  updateAccount(input: $input) { account { id name version domain } userErrors { field message code } }
}`;

export const DELETE_ACCOUNT = `mutation($input: DeleteAccountInput!) {
  deleteAccount(input: $input) { account { id deletedAt } userErrors { field message code } }
}`;

export const RESTORE_ACCOUNT = `mutation($input: RestoreAccountInput!) {
  restoreAccount(input: $input) { account { id deletedAt } userErrors { field message code } }
}`;

export const CREATE_CONTACT = `mutation($input: CreateContactInput!) {
  createContact(input: $input) { contact { id name email version account { id name } } userErrors { field message code } }
}`;

export const UPDATE_CONTACT = `mutation($input: UpdateContactInput!) {
  updateContact(input: $input) { contact { id email version } userErrors { field message code } }
}`;

export const DELETE_CONTACT = `mutation($input: DeleteContactInput!) {
  deleteContact(input: $input) { contact { id } userErrors { field message code } }
}`;

export const RESTORE_CONTACT = `mutation($input: RestoreContactInput!) {
  restoreContact(input: $input) { contact { id } userErrors { field message code } }
}`;
