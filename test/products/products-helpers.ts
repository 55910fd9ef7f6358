/** Operations and thin helpers for the catalogue and line-item tests. */
import { Client, dataOf } from '../support/harness';
import { Row, UserErrorData, createAccount } from '../support/crm-operations';

const USER_ERRORS = 'userErrors { field message code }';
export const PRODUCT_FIELDS = 'id sku name family description active version deletedAt';
export const BOOK_FIELDS = 'id name currency isStandard active description version';
export const ENTRY_FIELDS = 'id product { id name } unitPrice { amount currency } active version';
export const ITEM_FIELDS = 'id product { id name } priceBookEntry { id } quantity unitPrice { amount currency } discountPercent total { amount currency } description position version';
const OPPORTUNITY_FIELDS = 'id amount { amount currency } version priceBook { id name }';

const operation = (name: string, inputType: string, selection: string) => `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} ${USER_ERRORS} } }`;

export const OPS = {
  createProduct: operation('createProduct', 'CreateProductInput', `product { ${PRODUCT_FIELDS} }`),
  updateProduct: operation('updateProduct', 'UpdateProductInput', `product { ${PRODUCT_FIELDS} }`),
  deleteProduct: operation('deleteProduct', 'DeleteProductInput', `product { ${PRODUCT_FIELDS} }`),
  restoreProduct: operation('restoreProduct', 'RestoreProductInput', `product { ${PRODUCT_FIELDS} }`),
  createPriceBook: operation('createPriceBook', 'CreatePriceBookInput', `priceBook { ${BOOK_FIELDS} }`),
  updatePriceBook: operation('updatePriceBook', 'UpdatePriceBookInput', `priceBook { ${BOOK_FIELDS} }`),
  deletePriceBook: operation('deletePriceBook', 'DeletePriceBookInput', `priceBook { ${BOOK_FIELDS} }`),
  setPriceBookEntry: operation('setPriceBookEntry', 'SetPriceBookEntryInput', `entry { ${ENTRY_FIELDS} }`),
  removePriceBookEntry: operation('removePriceBookEntry', 'RemovePriceBookEntryInput', 'removedEntryId'),
  addLineItem: operation('addOpportunityLineItem', 'AddOpportunityLineItemInput', `lineItem { ${ITEM_FIELDS} } opportunity { ${OPPORTUNITY_FIELDS} }`),
  updateLineItem: operation('updateOpportunityLineItem', 'UpdateOpportunityLineItemInput', `lineItem { ${ITEM_FIELDS} } opportunity { ${OPPORTUNITY_FIELDS} }`),
  removeLineItem: operation('removeOpportunityLineItem', 'RemoveOpportunityLineItemInput', `removedLineItemId opportunity { ${OPPORTUNITY_FIELDS} }`),
  setPriceBook: operation('setOpportunityPriceBook', 'SetOpportunityPriceBookInput', `opportunity { ${OPPORTUNITY_FIELDS} }`),
  createOpportunity: operation('createOpportunity', 'CreateOpportunityInput', 'opportunity { id }'),
  closeAsWon: operation('closeOpportunityAsWon', 'CloseOpportunityAsWonInput', 'opportunity { id status }'),
};

/** The payload of a mutation (top-level errors fail the test). */
export async function mutate(client: Client, op: string, input: Record<string, unknown>): Promise<Row & { userErrors: UserErrorData[] }> {
  const data = dataOf(await client.request(op, { input }));
  return Object.values(data)[0] as Row & { userErrors: UserErrorData[] };
}

/** The payload of a mutation that must succeed. */
export async function mutateOk(client: Client, op: string, input: Record<string, unknown>): Promise<Row> {
  const payload = await mutate(client, op, input);
  if (payload.userErrors.length) throw new Error(`Unexpected userErrors: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

export const codesOf = (payload: { userErrors: UserErrorData[] }): string[] => payload.userErrors.map((e) => e.code);

export const createProduct = async (client: Client, input: Record<string, unknown>): Promise<Row> => (await mutateOk(client, OPS.createProduct, input)).product;
export const createPriceBook = async (client: Client, input: Record<string, unknown>): Promise<Row> => (await mutateOk(client, OPS.createPriceBook, input)).priceBook;
export const setEntry = async (client: Client, priceBookId: string, productId: string, unitPrice: string, active?: boolean): Promise<Row> =>
  (await mutateOk(client, OPS.setPriceBookEntry, { priceBookId, productId, unitPrice, ...(active === undefined ? {} : { active }) })).entry;

/** An open opportunity in `currency` on a new account. */
export async function createOpportunity(client: Client, currency: string, name = 'Deal'): Promise<Row> {
  const account = await createAccount(client, { name: `${name} account` });
  return (await mutateOk(client, OPS.createOpportunity, { name, accountId: account.id, amount: { amount: '0', currency } })).opportunity;
}

/** A decimal string without trailing fraction zeros, to compare amounts whatever scale they are shown with. */
export const plain = (amount: string): string => (amount.includes('.') ? amount.replace(/0+$/, '').replace(/\.$/, '') : amount);
