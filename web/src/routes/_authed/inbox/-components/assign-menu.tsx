import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useMenuButton } from '../../../../components/use-menu-button';
import type { SessionUser } from '../../../../lib/session';
import { trpc } from '../../../../lib/trpc';
import type { Conversation, ConversationActions } from './use-conversation-actions';

interface Props {
  c: Conversation;
  me: SessionUser;
  actions: ConversationActions;
  primary: boolean;
}

/** "Assign" opens a menu: me first, then every teammate with their availability. */
export function AssignMenu({ c, me, actions, primary }: Props) {
  const { t } = useTranslation('inbox');
  const menu = useMenuButton();
  const { open, menuId, root, close, onKeyDown } = menu;
  const users = useQuery({ ...trpc.users.list.queryOptions(), enabled: open });
  const pick = (userId: number) => {
    close();
    actions.assignTo(userId);
  };

  const teammates = (users.data ?? []).filter((u) => u.id !== me.id);
  return (
    <div className="inbox-menu-root" ref={root}>
      <button
        type="button"
        className={`button${primary ? ' button-primary' : ''}`}
        {...menu.buttonProps}
        disabled={actions.busy}
      >
        {t('assign.button')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          className="inbox-menu"
          role="menu"
          id={menuId}
          aria-label={t('assign.menu')}
          onKeyDown={onKeyDown}
        >
          <button
            type="button"
            role="menuitemradio"
            aria-checked={c.assigned_user === me.id}
            onClick={() => pick(me.id)}
          >
            <span className={`presence presence-${me.availability}`} aria-hidden="true" />
            {t('assign.me')} <kbd>a</kbd>
          </button>
          <hr className="inbox-menu-divider" />
          {users.isPending && <p className="inbox-menu-note">{t('assign.loading')}</p>}
          {users.data && teammates.length === 0 && (
            <p className="inbox-menu-note">{t('assign.none')}</p>
          )}
          {teammates.map((u) => (
            <button
              key={u.id}
              type="button"
              role="menuitemradio"
              aria-checked={c.assigned_user === u.id}
              onClick={() => pick(u.id)}
            >
              <span className={`presence presence-${u.availability}`} aria-hidden="true" />
              {u.name}
              <span className="inbox-menu-hint">{t(`assign.availability.${u.availability}`)}</span>
            </button>
          ))}
          {c.assigned_user !== null && (
            <>
              <hr className="inbox-menu-divider" />
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  close();
                  actions.unassign();
                }}
              >
                {t('assign.unassign')}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
